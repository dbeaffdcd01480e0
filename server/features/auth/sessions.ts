// SHIM (data-floor move in progress): sessions are db/queries/sessions.ts, the cookie's name is
// server/lib/session-cookie.ts. Kept for server/plugins/live.ts (another helper's file) until it
// imports SESSIONS_ENDED_CHANNEL from db/queries/sessions.ts; then delete this file.
export { SESSIONS_ENDED_CHANNEL } from '../../../db/queries/sessions.js';
export { SESSION_COOKIE } from '../../lib/session-cookie.js';
