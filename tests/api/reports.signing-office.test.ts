// The bulletin's signing office (落款单位) is a setting: stored by PUT /api/settings, kept when a
// PUT leaves it out (clients of the six fields the contract names), and filled for
// installations from before the setting by migration 0008.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/client.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

const { signingOffice: _default, ...contractFields } = DEFAULT_SETTINGS;

describe('the signing office', () => {
  it('is set by the office, read by everyone, and kept by a PUT of the other fields only', async () => {
    const set = await office.put('/api/settings', { ...contractFields, signingOffice: '  宕昌县人民政府办公室 ' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().signingOffice).toBe('宕昌县人民政府办公室');
    const viewer = await t.as('viewer');
    expect((await viewer.get('/api/settings')).json().signingOffice).toBe('宕昌县人民政府办公室');

    const again = await office.put('/api/settings', { ...contractFields, stallDays: 9 });
    expect(again.json()).toMatchObject({ stallDays: 9, signingOffice: '宕昌县人民政府办公室' });
  });

  it.each([[''], ['   '], ['办'.repeat(61)]])('refuses %j with 400 naming the field', async (bad) => {
    const res = await office.put('/api/settings', { ...contractFields, signingOffice: bad });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'signingOffice' })]);
  });

  it('0008 gives a settings row from before it the text its bulletins printed until then', async () => {
    await office.put('/api/settings', { ...contractFields, stallDays: 11 });
    // as a database from before 0008 holds it
    await t.database.db.execute(sql`alter table settings drop column signing_office`);
    await t.database.db.execute(sql.raw(readFileSync(`${migrationsFolder}/0008_settings_signing_office.sql`, 'utf8')));
    // and again: migrations are safe to run twice
    await t.database.db.execute(sql.raw(readFileSync(`${migrationsFolder}/0008_settings_signing_office.sql`, 'utf8')));
    expect((await office.get('/api/settings')).json()).toMatchObject({ stallDays: 11, signingOffice: '县人民政府办公室' });
  });
});
