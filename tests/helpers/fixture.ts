// One TestApp a test file and a signed-in agent of each role on it, as vitest fixtures: a test
// that names `t` or `office` in its context gets them made on first use, shared by the file's
// other tests, and closed after the file's last test. Nothing is made for a file (or a skipped
// describe) that never asks.
//
// Besides the whole-installation agents, the scoped ones every scope test needs: two counties of
// 陇南市 (宕昌县 and 武都区), each with its office, technician and viewer, the city's own above
// both, and a unit contact in each county. Only what a file names is made (a contact's unit is
// a unit more in its county; scoped users are users more in the lists).
import { test as base } from 'vitest';
import { createTestApp, type Agent, type TestApp } from './app.js';

/** 宕昌县 */
export const TANCHANG = '621223';
/** 武都区, the county beside it */
export const WUDU = '621202';
/** 陇南市, the city above both */
export const LONGNAN = '6212';

/** The agents scoped to one area: an office, a technician and a viewer. */
export interface ScopedAgents {
  code: string;
  office: Agent;
  technician: Agent;
  viewer: Agent;
}

async function scopedAgents(t: TestApp, code: string): Promise<ScopedAgents> {
  const [office, technician, viewer] = await Promise.all([t.as('office', { scope: code }), t.as('technician', { scope: code }), t.as('viewer', { scope: code })]);
  return { code, office, technician, viewer };
}

/** The contact of a township unit of its own in `code` (its unit: `contact.user.unitId`). */
async function contactIn(t: TestApp, code: string): Promise<Agent> {
  const unit = await t.unit({ kind: 'township', areaCode: code });
  return t.as('unit', { unitId: unit.id });
}

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
      .extend('tanchang', { scope: 'file' }, ({ t }) => scopedAgents(t, TANCHANG))
      .extend('wudu', { scope: 'file' }, ({ t }) => scopedAgents(t, WUDU))
      .extend('longnan', { scope: 'file' }, ({ t }) => scopedAgents(t, LONGNAN))
      .extend('tanchangContact', { scope: 'file' }, ({ t }) => contactIn(t, TANCHANG))
      .extend('wuduContact', { scope: 'file' }, ({ t }) => contactIn(t, WUDU))
  );
}

/** A `test` on an app with the default settings. */
export const test = appTest();
