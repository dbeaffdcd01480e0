// `npm start`: builds the dashboard and the server if their sources changed since the last build,
// then runs the compiled server in this same node process (no second process, no TypeScript
// loader). npm's shell execs this node (`exec node` in package.json), so the tree is npm and
// this one process;
// a service manager or the Dockerfile runs `node --enable-source-maps dist/server/server/main.js`
// directly, without npm.
import { pathToFileURL } from 'node:url';
import { buildIfStale, buildServerIfStale, SERVER_ENTRY } from './build-if-stale.mjs';

buildIfStale();
buildServerIfStale();
await import(pathToFileURL(SERVER_ENTRY).href);
