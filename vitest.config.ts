import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/browser/**', 'tests/cluster/**', 'node_modules/**'],
    globalSetup: ['tests/setup/database.ts'],
    // each file gets its own database; two at a time on a 2-core machine
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
