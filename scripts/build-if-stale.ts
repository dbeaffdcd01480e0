// Builds the dashboard when its sources are newer than the last build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function buildIfStale(): void {
  const built = newest('web/dist/index.html');
  const sources = Math.max(newest('web/src'), newest('web/public'), newest('web/index.html'), newest('web/vite.config.ts'), newest('shared'));
  if (built >= sources) return;
  console.log('Building the dashboard…');
  // a production build whoever asks (vitest sets NODE_ENV=test): the service worker and
  // production React are what the browser tests must see
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
