import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: each file starts a real cluster (PostgreSQL primary and replica, tracker
// processes, nginx) from scripts/cluster.ts; one file at a time on the 2-core machine. Not part
// of `npm test`, which needs no database server.
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
