// The probes a load balancer or an orchestrator asks: alive, and ready (the database answers).
import { LiveResponse, ReadyResponse } from '../schemas/health.js';
import { endpoint } from './endpoint.js';

// @fastify/swagger's hidden tag: the probes are no part of the API document
const tag = 'X-HIDDEN';

export const healthApi = {
  live: endpoint({ method: 'GET', path: '/healthz', tag, access: { roles: 'public', scope: 'none' }, response: { 200: LiveResponse } }),
  /** 503 while either pool's database does not answer */
  ready: endpoint({ method: 'GET', path: '/readyz', tag, access: { roles: 'public', scope: 'none' }, response: { 200: ReadyResponse } }),
};
