// The meeting screen, mounted by main.tsx outside the signed-in app (a display link needs no login).
export { ScreenPage } from './ScreenPage.js';
