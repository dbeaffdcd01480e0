// The audit log: writes and login attempts, newest first. A scoped office reads the entries about
// its scope's units, users and channels only.
import { AuditList, AuditQuery } from '../schemas/audit.js';
import { endpoint } from './endpoint.js';
import { office } from './roles.js';

export const auditApi = {
  list: endpoint({ method: 'GET', path: '/api/audit', tag: 'audit', access: { roles: office, scope: 'filtered' }, query: AuditQuery, response: { 200: AuditList } }),
};
