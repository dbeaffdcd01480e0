// One TestApp a test file and a signed-in agent of each role on it, as vitest fixtures: a test
// that names `t` or `office` in its context gets them made on first use, shared by the file's
// other tests, and closed after the file's last test. Nothing is made for a file (or a skipped
// describe) that never asks.
import { test as base } from 'vitest';
import { createTestApp } from './app.js';

/** A `test` whose app is built with these settings (`createTestApp`'s arguments). */
export function appTest(...args: Parameters<typeof createTestApp>) {
  return (
    base
      // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's needs from its destructuring
      .extend('t', { scope: 'file' }, async ({}, { onCleanup }) => {
        const t = await createTestApp(...args);
        onCleanup(() => t.close());
        return t;
      })
      .extend('office', { scope: 'file' }, ({ t }) => t.as('office'))
      .extend('technician', { scope: 'file' }, ({ t }) => t.as('technician'))
      .extend('viewer', { scope: 'file' }, ({ t }) => t.as('viewer'))
  );
}

/** A `test` on an app with the default settings. */
export const test = appTest();
