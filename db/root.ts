// Where the project's files are at run time, from the sources (tsx) or from the compiled server
// (dist/server/, see tsconfig.server.json) alike: the nearest folder above this module that holds
// package.json. The migrations' SQL and the built dashboard are read from there, never copied.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
