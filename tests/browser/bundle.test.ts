// The first download stays within its budget: what a phone on a weak signal must fetch before
// the dashboard shows anything is the entry chunk and everything it imports statically.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = join(process.cwd(), 'web/dist'); // built by the browser tests' setup
const BUDGET_GZIP = 300 * 1024;

/** The entry chunk of index.html and the chunks it imports statically (not the `import()` ones). */
function firstLoad(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = html.match(/<script type="module"[^>]*src="\/([^"]+)"/)?.[1];
  if (!entry) throw new Error('no entry script in index.html');
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(dist, file), 'utf8');
    for (const m of source.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+)["']/g)) walk(`assets/${m[1]}`);
  };
  walk(entry);
  return [...seen];
}

describe('the first download', () => {
  it('is under 300 KB gzipped, the preloaded chunks with it', () => {
    const files = firstLoad();
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    // what the page preloads is what it imports: the walk found every chunk index.html names
    for (const m of html.matchAll(/rel="modulepreload"[^>]*href="\/([^"]+)"/g)) expect(files).toContain(m[1]);
    const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
    const raw = files.reduce((sum, f) => sum + readFileSync(join(dist, f)).length, 0);
    console.log(`first-load JS: ${files.length} files, ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`);
    expect(gzip).toBeLessThan(BUDGET_GZIP);
  });
});
