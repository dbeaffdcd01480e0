// What the notices feature offers the rest of the web: the pieces of page and the queries others use.
export { BatchNoticeDialog } from './components/BatchNoticeDialog.js';
export { IssueNoticeDialog } from './components/IssueNoticeDialog.js';
export { UnitNotices } from './components/UnitNotices.js';
export { useNotices, type BatchFilters } from './api/notices.js';
