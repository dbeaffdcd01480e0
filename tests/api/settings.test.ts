import { describe, expect } from 'vitest';
import { createTestApp, errorOf } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { RECORD_DEFAULTS } from '../../shared/domain/deadlines.js';

const valid = { timezone: 'Asia/Shanghai', wiringDue: '2026-12-15', connectionDue: '2026-12-31', registrationGraceDays: 5, stallDays: 10, postponementLimit: 3 };

describe('settings', () => {
  test('starts with the campaign defaults, readable by every role', async ({ t }) => {
    for (const role of ['office', 'technician', 'unit', 'viewer'] as const) {
      const res = await (await t.as(role)).get('/api/settings');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ timezone: 'Asia/Shanghai', wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 14, postponementLimit: 2, ...RECORD_DEFAULTS, signingOffice: '县人民政府办公室', homeArea: null, backboneDue: null, reportBackDays: 10, scoreGreen: 90, scoreYellow: 60 });
    }
  });

  test('the office replaces them with PUT', async () => {
    const fresh = await createTestApp();
    try {
      const office = await fresh.as('office');
      const res = await office.put('/api/settings', valid);
      expect(res.statusCode).toBe(200);
      // a PUT without the signing office keeps the stored one
      expect(res.json()).toEqual({ ...valid, ...RECORD_DEFAULTS, signingOffice: '县人民政府办公室', homeArea: null, backboneDue: null, reportBackDays: 10, scoreGreen: 90, scoreYellow: 60 });
      expect((await office.get('/api/settings')).json()).toEqual({ ...valid, ...RECORD_DEFAULTS, signingOffice: '县人民政府办公室', homeArea: null, backboneDue: null, reportBackDays: 10, scoreGreen: 90, scoreYellow: 60 });
    } finally {
      await fresh.close();
    }
  });

  test.for<[string, Partial<typeof valid>]>([
    ['timezone', { timezone: 'Mars/Olympus' }],
    // JavaScript reads CST as US Central, PostgreSQL as UTC-6: the reports would disagree
    ['timezone', { timezone: 'CST' }],
    ['wiringDue', { wiringDue: '1969-12-31' }],
    ['wiringDue', { wiringDue: '15/12/2026' }],
    ['registrationGraceDays', { registrationGraceDays: -1 }],
    ['stallDays', { stallDays: 0 }],
    ['postponementLimit', { postponementLimit: 1.5 }],
  ])('refuses a bad %s with 400 and keeps the old settings', async ([field, over], { t }) => {
    const office = await t.as('office');
    const before = (await office.get('/api/settings')).json();
    const res = await office.put('/api/settings', { ...valid, ...over });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field })]);
    expect((await office.get('/api/settings')).json()).toEqual(before);
  });

  test('refuses a PUT missing fields', async ({ t }) => {
    expect((await (await t.as('office')).put('/api/settings', { timezone: 'Asia/Shanghai' })).statusCode).toBe(400);
  });

  test('is changed by the office alone', async ({ t }) => {
    for (const role of ['technician', 'unit', 'viewer'] as const) {
      expect((await (await t.as(role)).put('/api/settings', valid)).statusCode).toBe(403);
    }
  });
});
