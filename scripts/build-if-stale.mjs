// Builds what `npm start` serves when its sources are newer than the last build: the dashboard
// (vite, into web/dist/) and the server (tsc, into dist/server/). Plain JavaScript, so that
// `npm start` runs with node alone: no TypeScript loader is needed before the server is built.
// `node scripts/build-if-stale.mjs server` builds the server whatever its age (npm run build:server).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** where the compiled server is; its entry is `${SERVER_DIST}/server/main.js` */
export const SERVER_DIST = join(root, 'dist/server');
export const SERVER_ENTRY = join(SERVER_DIST, 'server/main.js');
// written last by a build: a build cut short leaves none, so the next start builds again
const STAMP = join(SERVER_DIST, '.built');

/** the newest modification time under `path` (0 when absent), of the files `keep` accepts */
function newest(path, keep = () => true) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return keep(path) ? stat.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name), keep)));
}

export function buildIfStale() {
  const at = (p) => join(root, p);
  const built = newest(at('web/dist/index.html'));
  const sources = Math.max(newest(at('web/src')), newest(at('web/public')), newest(at('web/index.html')), newest(at('web/vite.config.ts')), newest(at('shared')));
  if (built >= sources) return;
  console.log('Building the dashboard…');
  // a production build whoever asks (vitest sets NODE_ENV=test): the service worker and
  // production React are what the browser tests must see
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/** true when a .ts file of server/, db/ or shared/ (or the build's tsconfig) is newer than the compiled server */
export function serverIsStale() {
  const ts = (p) => p.endsWith('.ts');
  const sources = Math.max(...['server', 'db', 'shared'].map((d) => newest(join(root, d), ts)), newest(join(root, 'tsconfig.json')), newest(join(root, 'tsconfig.server.json')));
  return newest(STAMP) < sources;
}

/**
 * Compiles server/, db/ and shared/ with tsc (transpiled only: `npm run typecheck` checks the
 * types). Into a folder of its own, then renamed into place, so that two test workers building at
 * once, or a process starting meanwhile, never see half a build.
 */
export function buildServer() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('building the server needs TypeScript, a dev dependency: run `npm install` (not `--omit=dev`), or build where it is installed (the Dockerfile does)');
  }
  const tmp = `${SERVER_DIST}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.server.json'), '--outDir', tmp], { cwd: root, stdio: 'inherit' });
  writeFileSync(join(tmp, '.built'), new Date().toISOString());
  rmSync(SERVER_DIST, { recursive: true, force: true });
  try {
    renameSync(tmp, SERVER_DIST);
  } catch (err) {
    // another builder got there first with the same sources
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(STAMP)) throw err;
  }
}

export function buildServerIfStale() {
  if (!serverIsStale()) return;
  console.log('Building the server…');
  buildServer();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'server') buildServer();
