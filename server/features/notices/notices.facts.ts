// Kept only until the reports feature imports db/queries/notices.ts (the notice facts' home): delete then.
export { NO_NOTICES, noticeFacts, urgedWithoutProgress, lastNotices, type NoticeFacts } from '../../../db/queries/notices.js';
