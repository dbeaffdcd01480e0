// The scorecard (leaders' view): each area's share onboarded coloured by its thresholds, the
// installation's (≥ 90 % green, ≥ 60 % yellow, else red) unless the area or an ancestor sets its own.
import { describe, expect, it } from 'vitest';
import { scoreColour } from '../../shared/domain/scorecard.js';
import type { Agent, TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
const { record } = reportsKit(() => ({ t, office }));

// 文县 half onboarded with thresholds of its own; 两当县 half onboarded under the defaults
const WEN = '621222';
const LIANGDANG = '621228';

async function halfOnboarded(area: string) {
  const done = await t.unit({ areaCode: area });
  for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'] as const) await record(done.id, type, -1);
  await t.unit({ areaCode: area });
}

describe('the scorecard', () => {
  it('colours at the thresholds: 90 % green, 89.9 % yellow, 60 % yellow, 59.9 % red', () => {
    const d = { scoreGreen: 90, scoreYellow: 60 };
    expect([0.9, 0.899, 0.6, 0.599, 0, 1].map((s) => scoreColour(s, d))).toEqual(['green', 'yellow', 'yellow', 'red', 'red', 'green']);
  });

  it('colours each county of the roll-up by its own thresholds, else the installation\'s, and prints the colour in the files', async () => {
    await halfOnboarded(WEN);
    await halfOnboarded(LIANGDANG);
    const put = await office.put(`/api/settings?area=${WEN}`, { scoreGreen: 50, scoreYellow: 30 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ scoreGreen: 50, scoreYellow: 30, own: { scoreGreen: 50, scoreYellow: 30 }, sources: { scoreGreen: WEN, scoreYellow: WEN } });

    const rows = (await office.get('/api/reports/areas?parent=6212')).json().items as { area: { code: string }; scorecard: { colour: string; scoreGreen: number } }[];
    const row = (code: string) => rows.find((r) => r.area.code === code)!;
    expect(row(WEN).scorecard).toEqual({ colour: 'green', scoreGreen: 50, scoreYellow: 30 });
    expect(row(LIANGDANG).scorecard).toEqual({ colour: 'red', scoreGreen: 90, scoreYellow: 60 });
    // a city's own thresholds reach its counties that set none
    expect((await office.put('/api/settings?area=6212', { scoreGreen: 80, scoreYellow: 50 })).statusCode).toBe(200);
    const after = (await office.get('/api/reports/areas?parent=6212')).json().items as typeof rows;
    // where each line in force comes from, as the settings page shows it
    expect((await office.get(`/api/settings?area=${LIANGDANG}`)).json().sources).toMatchObject({ scoreGreen: '6212', scoreYellow: '6212' });
    expect(after.find((r) => r.area.code === LIANGDANG)!.scorecard.colour).toBe('yellow');
    // the summary of an area: its own
    expect((await office.get(`/api/reports/summary?area=${WEN}`)).json().scorecard.colour).toBe('green');
    const csv = (await office.get('/api/reports/areas.csv?parent=6212')).body;
    expect(csv.split('\r\n')[0]).toContain('评级');
    expect(csv.split('\r\n').find((l) => l.includes('文县'))).toContain(',绿,');
    expect((await office.put('/api/settings?area=6212', {})).statusCode).toBe(200);
  });

  it('refuses a yellow line above the green one, for the installation and for an area', async () => {
    const current = (await office.get('/api/settings')).json();
    expect((await office.put('/api/settings', { ...current, scoreGreen: 50, scoreYellow: 70 })).statusCode).toBe(400);
    expect((await office.put(`/api/settings?area=${LIANGDANG}`, { scoreYellow: 95 })).statusCode).toBe(400);
    // equal lines leave no yellow: refused too, in Chinese, naming the yellow line
    const equal = await office.put(`/api/settings?area=${LIANGDANG}`, { scoreGreen: 70, scoreYellow: 70 });
    expect(equal.statusCode).toBe(400);
    expect(equal.json().error.details).toEqual([{ field: 'scoreYellow', message: '绿色线须高于黄色线' }]);
    expect((await office.put('/api/settings', { ...current, scoreGreen: 95 })).statusCode).toBe(200);
    expect((await office.get('/api/settings')).json()).toMatchObject({ scoreGreen: 95, scoreYellow: 60 });
  });

  it('refuses a parent line that would invert a county pair it inherits half of', async () => {
    const DANG = '621223';
    expect((await office.put(`/api/settings?area=${DANG}`, { scoreYellow: 85 })).statusCode).toBe(200);
    // the city's green 70 would sit under the county's own yellow 85
    const city = await office.put('/api/settings?area=6212', { scoreGreen: 70 });
    expect(city.statusCode).toBe(400);
    expect(city.json().error.details[0]).toMatchObject({ field: 'scoreYellow' });
    expect(city.json().error.details[0].message).toContain('绿色线须高于黄色线');
    expect(city.json().error.details[0].message).toContain(DANG);
    expect((await office.get(`/api/settings?area=${DANG}`)).json()).toMatchObject({ scoreYellow: 85 });
    // the installation's green is inherited by the county too
    const current = (await office.get('/api/settings')).json();
    const installation = await office.put('/api/settings', { ...current, scoreGreen: 80 });
    expect(installation.statusCode).toBe(400);
    expect(installation.json().error.details[0].message).toContain(DANG);
    // a line that keeps every pair in order still passes
    expect((await office.put('/api/settings?area=6212', { scoreGreen: 88 })).statusCode).toBe(200);
    expect((await office.put('/api/settings?area=6212', {})).statusCode).toBe(200);
    expect((await office.put(`/api/settings?area=${DANG}`, {})).statusCode).toBe(200);
  });

  it('two writes at once never leave a county\'s pair inverted: the second checks after the first', async () => {
    const DANG = '621223';
    // each alone passes; together the county's yellow 85 would sit above the city's green 70
    for (let i = 0; i < 15; i++) {
      const [county, city] = await Promise.all([office.put(`/api/settings?area=${DANG}`, { scoreYellow: 85 }), office.put('/api/settings?area=6212', { scoreGreen: 70 })]);
      expect([county.statusCode, city.statusCode].sort(), `trial ${i}`).toEqual([200, 400]);
      expect((await office.put('/api/settings?area=6212', {})).statusCode).toBe(200);
      expect((await office.put(`/api/settings?area=${DANG}`, {})).statusCode).toBe(200);
    }
  });
});
