// Issued bulletins (docs/contract/api.md "The record"): issuing stores the bulletin as it stands,
// numbered per issuing area per year; reprinting answers the same content whatever is recorded
// later; a past day computed afresh says how many steps recorded since change it.
import { describe, expect } from 'vitest';
import { addDays, today } from '../../shared/domain/dates.js';
import { uniq, type TestApp } from '../helpers/app.js';
import { LONGNAN, TANCHANG, WUDU, test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

const TZ = 'Asia/Shanghai';
const year = Number(today(TZ).slice(0, 4));
/** noon of a day in the campaign's zone; today before noon there, a second ago (a step may not be in the future) */
const noonOf = (day: string) => (day === today(TZ) && Date.parse(`${day}T12:00:00+08:00`) > Date.now() ? new Date(Date.now() - 1000).toISOString() : `${day}T12:00:00+08:00`);

async function refusedOn(t: TestApp, agent: { post: (u: string, b: unknown) => Promise<{ statusCode: number; body: string }> }, areaCode: string, day: string) {
  const unit = await t.unit({ kind: 'township', areaCode, parentCode: uniq('P') });
  const res = await agent.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.refused'], occurredAt: noonOf(day) });
  expect(res.statusCode, res.body).toBe(201);
  return unit;
}

describe('issued bulletins', () => {
  test('a reprint is the bulletin as issued, after a backdated step changed that day', async ({ t, tanchang }) => {
    const yesterday = addDays(today(TZ), -1);
    const unit = await refusedOn(t, tanchang.office, TANCHANG, addDays(today(TZ), -3));
    const issued = await tanchang.office.post('/api/bulletins', { asOf: yesterday });
    expect(issued.statusCode, issued.body).toBe(201);
    const bulletin = issued.json().bulletin;
    expect(bulletin).toMatchObject({ number: `宕政办通〔${year}〕第1期`, area: TANCHANG, asOf: yesterday, signingOffice: '宕昌县人民政府办公室' });
    expect(bulletin.content.voice).toMatchObject({ whole: '全县', signingOffice: '宕昌县人民政府办公室' });
    expect(bulletin.content.laggards.map((l: { unit: { id: string } }) => l.unit.id)).toContain(unit.id);
    // the refusal itself, dated three days ago, was recorded today: it changes yesterday's report too
    const before = (await tanchang.office.get(`/api/reports/summary?asOf=${yesterday}`)).json();
    expect(before.recordedLater).toBe(1);
    expect((await tanchang.office.get('/api/reports/summary')).json()).not.toHaveProperty('recordedLater');

    // backdated to yesterday, within what the office may: yesterday's report changes
    const step = await tanchang.office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started', occurredAt: noonOf(yesterday) });
    expect(step.statusCode, step.body).toBe(201);
    const afresh = (await tanchang.office.get(`/api/reports/laggards?asOf=${yesterday}&pageSize=200`)).json();
    expect(afresh.items.map((l: { unit: { id: string } }) => l.unit.id)).not.toContain(unit.id);
    expect((await tanchang.office.get(`/api/reports/summary?asOf=${yesterday}`)).json().recordedLater).toBe(2);

    const reprint = await tanchang.office.get(`/api/bulletins/${bulletin.id}`);
    expect(reprint.statusCode).toBe(200);
    expect(reprint.json().bulletin).toEqual(bulletin);
    const listed = (await tanchang.viewer.get('/api/bulletins')).json();
    expect(listed.items.map((b: { id: string }) => b.id)).toContain(bulletin.id);
    expect(listed.items[0]).not.toHaveProperty('content');
  });

  test('a city’s bulletin is the city’s, addressed to its counties and ranking them', async ({ t, longnan, wudu }) => {
    await refusedOn(t, wudu.office, WUDU, today(TZ));
    const res = await longnan.office.post('/api/bulletins', {});
    expect(res.statusCode, res.body).toBe(201);
    const { bulletin } = res.json();
    expect(bulletin).toMatchObject({ number: `陇政办通〔${year}〕第1期`, area: LONGNAN, signingOffice: '陇南市人民政府办公室' });
    expect(bulletin.content).toMatchObject({ addressee: '各县（区）人民政府办公室', areaFullName: '甘肃省陇南市', voice: { whole: '全市' } });
    expect(bulletin.content.rollup.map((r: { area: { code: string } }) => r.area.code)).toContain(WUDU);
    expect(bulletin.content.worst.map((w: { areaCode: string }) => w.areaCode)).toContain(WUDU);
    // a county's office does not see the city's bulletin; the city sees the county's
    expect((await wudu.office.get(`/api/bulletins/${bulletin.id}`)).statusCode).toBe(404);
    expect((await wudu.office.get('/api/bulletins')).json().items.map((b: { id: string }) => b.id)).not.toContain(bulletin.id);
    const second = (await wudu.office.post('/api/bulletins', {})).json().bulletin;
    expect(second.number).toBe(`武政办通〔${year}〕第1期`);
    expect((await longnan.viewer.get(`/api/bulletins/${second.id}`)).statusCode).toBe(200);
    expect((await wudu.office.get(`/api/bulletins?area=${LONGNAN}`)).statusCode).toBe(404);
  });

  test('an issued bulletin cannot be changed or deleted, even in the database', async ({ t, tanchang }) => {
    const { bulletin } = (await tanchang.office.post('/api/bulletins', {})).json();
    const { sql } = await import('drizzle-orm');
    await expect(t.database.db.execute(sql`update bulletins set number = 'x' where id = ${bulletin.id}::uuid`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from bulletins where id = ${bulletin.id}::uuid`)).rejects.toThrow();
  });

  test('only an office issues; a viewer and a technician are refused', async ({ tanchang }) => {
    expect((await tanchang.viewer.post('/api/bulletins', {})).statusCode).toBe(403);
    expect((await tanchang.technician.post('/api/bulletins', {})).statusCode).toBe(403);
  });
});
