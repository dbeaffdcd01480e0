// What the notices feature offers the other features' pages, besides its api/.
export { BatchNoticeDialog } from './components/BatchNoticeDialog.js';
export { UnitNotices } from './components/UnitNotices.js';
