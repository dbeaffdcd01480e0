// Server-sent events: one `step` event per step recorded or voided in the caller's reach (a unit's
// contact hears only its own unit's steps, a scoped user only its scope's).
import { endpoint } from './endpoint.js';

export const liveApi = {
  stream: endpoint({
    method: 'GET',
    path: '/api/live',
    tag: 'live',
    summary: 'server-sent events: `step` for every step recorded or voided',
    access: { roles: 'any', scope: 'filtered' },
    answer: 'stream',
  }),
};
