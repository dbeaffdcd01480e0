// `npm start`: builds the dashboard and the server if their sources changed since the last build,
// then runs the compiled server in this same node process: no TypeScript loader, no second node.
// npm cannot hand its place to a child, so it stays as the parent while the server runs (~55 MB);
// `exec` in package.json at least replaces npm's shell with this node. A service manager or the
// Dockerfile runs `node --enable-source-maps dist/server/server/main.js` alone, without npm.
// --max-semi-space-size=1 (package.json): V8's young generation at 1 MB instead of up to 16 MB,
// 30 MB less resident on a county office's laptop for a few more, short, collections.
import { pathToFileURL } from 'node:url';
import { buildIfStale, buildServerIfStale, SERVER_ENTRY } from './build-if-stale.mjs';

buildIfStale();
buildServerIfStale();
await import(pathToFileURL(SERVER_ENTRY).href);
