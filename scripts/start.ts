// `npm start`: builds the dashboard if its sources changed since the last build, then serves.
import { buildIfStale } from './build-if-stale.js';

buildIfStale();
await import('../server/main.js');
