// What the auth feature offers the rest of the web: who is signed in, signing out, the login page.
export { meKey, useMe } from './api/get-me.js';
export { useLogout } from './api/logout.js';
export { LoginPage } from './components/LoginPage.js';
