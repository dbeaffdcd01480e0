import { existsSync } from 'node:fs';
import { buildIfStale } from '../../scripts/build-if-stale.js';

export default function setup() {
  if (!existsSync('/usr/bin/chromium')) throw new Error('browser tests need Debian chromium: apt-get install -y chromium');
  buildIfStale();
}
