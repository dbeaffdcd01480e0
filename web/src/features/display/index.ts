// 大屏链接: the office's page for the meeting screen's display links (issue 26).
export { DisplayLinksPage } from './components/DisplayLinksPage.js';
