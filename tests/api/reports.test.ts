import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../shared/domain/dates.js';
import type { StepType } from '../../shared/domain/steps.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schemas/settings.js';
import { laggardsReport, reportContext } from '../../server/features/reports/reports.service.js';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
let viewer: Agent;
const TZ = 'Asia/Shanghai';

test.beforeAll(({ t: testApp, office: fOffice, viewer: fViewer }) => {
  t = testApp;
  office = fOffice;
  viewer = fViewer;
});

// Settings are the campaign's one row: every test starts from the defaults and sets what it needs.
const useSettings = async (patch: Partial<Settings> = {}) => {
  const res = await office.put('/api/settings', { ...DEFAULT_SETTINGS, ...patch });
  expect(res.statusCode).toBe(200);
};
beforeEach(() => useSettings());

/** A calendar day relative to today in the campaign's zone. */
const day = (offset: number) => addDays(today(TZ), offset);
/** A time on that day (10:00 there; for today, a minute ago). */
const at = (offset: number) => (offset >= 0 ? new Date(Date.now() - 60_000).toISOString() : `${day(offset)}T10:00:00+08:00`);

const DATA: Partial<Record<StepType, Record<string, string>>> = {
  'wiring.scheduled': { plannedDate: '2026-01-01' },
  'wiring.refused': { reason: '领导不在', reasonCode: 'leader_absent' },
  'wiring.postponed': { reason: '办公室装修', reasonCode: 'office_renovation' },
  'connection.scheduled': { plannedDate: '2026-01-01' },
  'connection.postponed': { reason: '年底忙', reasonCode: 'busy_period' },
  'registration.submitted': { platformRef: 'SQ-1' },
  'registration.rejected': { reason: '材料不全' },
};

async function record(unitId: string, type: StepType, offset: number, data: Record<string, string> = {}) {
  const res = await office.post(`/api/units/${unitId}/events`, {
    type,
    occurredAt: at(offset),
    ...(type === 'connection.test_failed' ? { note: '测试不通' } : {}),
    data: { ...DATA[type], ...data },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().event as { id: string };
}

/** A unit under its own parent code, so a test can read back only its own units. */
async function unitIn(area: string, fields: Parameters<TestApp['unit']>[0] = {}) {
  return t.unit({ parentCode: area, ...fields });
}

const laggards = async (query: string, agent: Agent = office) => {
  const res = await agent.get(`/api/reports/laggards?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    asOf: string;
    total: number;
    page: number;
    pageSize: number;
    items: { unit: { id: string; code: string; name: string; kind: string }; flags: { category: string; stage: string | null; daysLate: number }[]; severity: number; lastEventAt: string | null }[];
  };
};

describe('GET /api/reports/laggards', () => {
  it('lists a unit that refused wiring with the days since the refusal, as of today by default', async () => {
    const area = uniq('A');
    const unit = await unitIn(area, { name: '县财政局' });
    await record(unit.id, 'wiring.scheduled', -5);
    await record(unit.id, 'wiring.refused', -3);
    const body = await laggards(`parentCode=${area}`);
    expect(body.asOf).toBe(day(0));
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      unit: { id: unit.id, code: unit.code, name: '县财政局', kind: 'department' },
      flags: [{ category: 'refused_wiring', stage: 'wiring', daysLate: 3 }],
      severity: 7.14,
      lastEventAt: new Date(at(-3)).toISOString(),
    });
  });

  it('leaves out units without flags and onboarded units, however late', async () => {
    const area = uniq('A');
    await useSettings({ wiringDue: day(-30), connectionDue: day(-30) });
    const calm = await unitIn(area, { wiringDue: day(10), connectionDue: day(20) });
    await record(calm.id, 'wiring.started', -1);
    const done = await unitIn(area);
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'] as const) {
      await record(done.id, type, -20);
    }
    const late = await unitIn(area);
    const body = await laggards(`parentCode=${area}`);
    expect(body.items.map((i) => i.unit.id)).toEqual([late.id]);
    expect(body.items[0].flags).toEqual([
      { category: 'overdue_connection', stage: 'connection', daysLate: 30 },
      { category: 'overdue_wiring', stage: 'wiring', daysLate: 30 },
    ]);
  });

  it("uses the unit's own due dates over the campaign's", async () => {
    const area = uniq('A');
    await useSettings({ wiringDue: day(-10) });
    const own = await unitIn(area, { wiringDue: day(-2) });
    const body = await laggards(`parentCode=${area}`);
    expect(body.items.map((i) => [i.unit.id, i.flags])).toEqual([[own.id, [{ category: 'overdue_wiring', stage: 'wiring', daysLate: 2 }]]]);
  });

  it('answers a past as-of date from the steps that had happened by the end of that day', async () => {
    const area = uniq('A');
    const unit = await unitIn(area);
    await record(unit.id, 'wiring.refused', -10);
    await record(unit.id, 'wiring.scheduled', -4);
    await record(unit.id, 'wiring.started', -2);
    expect((await laggards(`parentCode=${area}`)).total).toBe(0);
    expect((await laggards(`parentCode=${area}&asOf=${day(-11)}`)).total).toBe(0);
    const past = await laggards(`parentCode=${area}&asOf=${day(-5)}`);
    expect(past.asOf).toBe(day(-5));
    expect(past.items[0].flags).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 5 }]);
    expect(past.items[0].lastEventAt).toBe(new Date(at(-10)).toISOString());
  });

  it('leaves out of a day a step dated after it, also while that day is "today" to the clock', async () => {
    // A device clock a few minutes ahead dates a step tomorrow just before midnight; seen from a
    // clock one day behind, every step of today is such a step.
    const area = uniq('A');
    const unit = await unitIn(area);
    await record(unit.id, 'wiring.refused', 0);
    const dayBehind = new Date(Date.now() - 86_400_000);
    expect((await reportContext(t.database.db, undefined, dayBehind)).current).toBe(false);
    const report = await laggardsReport(t.database.db, { parentCode: area, page: 1, pageSize: 50 }, dayBehind);
    expect([report.asOf, report.items]).toEqual([day(-1), []]);
    expect((await laggards(`parentCode=${area}`)).items[0].flags).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 0 }]);
  });

  it('ignores voided steps, today and in the past', async () => {
    const area = uniq('A');
    const unit = await unitIn(area);
    await record(unit.id, 'wiring.scheduled', -9);
    const refusal = await record(unit.id, 'wiring.refused', -8);
    const res = await office.post(`/api/events/${refusal.id}/void`, { reason: '记错了' });
    expect(res.statusCode).toBe(200);
    expect((await laggards(`parentCode=${area}`)).total).toBe(0);
    expect((await laggards(`parentCode=${area}&asOf=${day(-5)}`)).total).toBe(0);
  });

  it('flags repeated postponements, connected-but-unregistered and stalled units at their boundaries', async () => {
    const area = uniq('A');
    await useSettings({ registrationGraceDays: 3, stallDays: 5, postponementLimit: 2 });
    const delayer = await unitIn(area, { code: uniq('P') });
    await record(delayer.id, 'wiring.postponed', -12);
    await record(delayer.id, 'wiring.scheduled', -11);
    await record(delayer.id, 'wiring.postponed', -6);
    const unregistered = await unitIn(area, { code: uniq('R') });
    await record(unregistered.id, 'wiring.completed', -9);
    await record(unregistered.id, 'connection.completed', -8);
    const stalled = await unitIn(area, { code: uniq('S') });
    await record(stalled.id, 'wiring.started', -7);

    const flags = (body: Awaited<ReturnType<typeof laggards>>) => Object.fromEntries(body.items.map((i) => [i.unit.id, i.flags]));
    const before = flags(await laggards(`parentCode=${area}&asOf=${day(-7)}`));
    expect(before[delayer.id]).toBeUndefined(); // one postponement only
    expect(before[unregistered.id]).toBeUndefined(); // connection day + 3 = day -5
    expect(before[stalled.id]).toBeUndefined(); // started that day

    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-6)}`))[delayer.id]).toEqual([{ category: 'repeated_postponement', stage: null, daysLate: 6 }]);
    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-5)}`))[unregistered.id]).toBeUndefined();
    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-4)}`))[unregistered.id]).toEqual([
      { category: 'unregistered_after_connection', stage: 'registration', daysLate: 1 },
    ]);
    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-3)}`))[stalled.id]).toBeUndefined();
    const now = flags(await laggards(`parentCode=${area}`));
    expect(now[stalled.id]).toEqual([{ category: 'stalled', stage: 'wiring', daysLate: 7 }]);
    expect(now[unregistered.id]).toEqual([{ category: 'unregistered_after_connection', stage: 'registration', daysLate: 5 }]);
  });

  it('ranks by severity, then the longest daysLate, then the unit code', async () => {
    const area = uniq('A');
    const mk = (code: string, wiringDue: string) => unitIn(area, { code: `${area}-${code}`, wiringDue });
    await mk('c', day(-7)); // 2 × 2 = 4
    await mk('b', day(-7)); // 4, code b before c
    const refused = await unitIn(area, { code: `${area}-z` });
    await record(refused.id, 'wiring.refused', 0); // 5
    await mk('a', day(-1)); // 2.29
    const body = await laggards(`parentCode=${area}`);
    expect(body.items.map((i) => [i.unit.code, i.severity])).toEqual([
      [`${area}-z`, 5],
      [`${area}-b`, 4],
      [`${area}-c`, 4],
      [`${area}-a`, 2.29],
    ]);
  });

  it('filters by kind, category and parent code, and pages', async () => {
    const area = uniq('A');
    await useSettings({ wiringDue: day(-1) });
    const town = await unitIn(area, { kind: 'township', code: `${area}-1` });
    const dept = await unitIn(area, { kind: 'department', code: `${area}-2` });
    await record(dept.id, 'wiring.refused', -1);
    const other = await unitIn(area, { kind: 'other', code: `${area}-3` });
    await unitIn(uniq('B'), { kind: 'township' });

    expect((await laggards(`parentCode=${area}&kind=township`)).items.map((i) => i.unit.id)).toEqual([town.id]);
    expect((await laggards(`parentCode=${area}&category=refused_wiring`)).items.map((i) => i.unit.id)).toEqual([dept.id]);
    expect((await laggards(`parentCode=${area}&category=stalled`)).total).toBe(0);
    const first = await laggards(`parentCode=${area}&pageSize=2`);
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.unit.id)).toEqual([dept.id, town.id]);
    const second = await laggards(`parentCode=${area}&pageSize=2&page=2`);
    expect(second.items.map((i) => i.unit.id)).toEqual([other.id]);
    expect((await laggards(`parentCode=${area}&pageSize=2&page=3`))).toMatchObject({ total: 3, items: [] });
    expect((await laggards(`parentCode=${area}&kind=township&category=refused_wiring`)).total).toBe(0);
  });

  it('is open to viewers', async () => {
    expect((await viewer.get('/api/reports/laggards')).statusCode).toBe(200);
  });
});

describe('GET /api/reports/laggards.csv and .xlsx', () => {
  async function twoLaggards() {
    const area = uniq('A');
    const refused = await unitIn(area, { code: `${area}-1`, name: '哈达铺镇人民政府', kind: 'township' });
    await record(refused.id, 'wiring.refused', -2);
    const late = await unitIn(area, { code: `${area}-2`, name: '县教育局', wiringDue: day(-3) });
    await record(late.id, 'wiring.started', -20);
    return { area, refused, late };
  }

  it('exports the same rows as a UTF-8 CSV with a BOM, Chinese headers and a dated download name', async () => {
    const { area } = await twoLaggards();
    const res = await office.get(`/api/reports/laggards.csv?parentCode=${area}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename="laggards-${day(0)}.csv"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`落后单位-${day(0)}.csv`)}`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: Record<string, string>[] = parse(res.rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => [r['排名'], r['单位名称'], r['单位类型']])).toEqual([
      ['1', '县教育局', '部门'],
      ['2', '哈达铺镇人民政府', '乡镇'],
    ]);
    expect(rows[0]['问题']).toBe('布线逾期3天；进展停滞（布线）20天');
    expect(rows[0]['布线逾期（天）']).toBe('3');
    expect(rows[0]['拒绝布线（天）']).toBe('');
    expect(rows[1]['拒绝布线（天）']).toBe('2');
    // one decimal, as the board shows it
    expect(rows[1]['严重程度']).toBe(((5 * 9) / 7).toFixed(1));
    expect(rows[1]['最近进展']).toBe(`${day(-2)} 10:00`);
  });

  it('keeps a unit name that a spreadsheet would run as a formula as text', async () => {
    const area = uniq('A');
    const name = '=HYPERLINK("http://example.com","点此查看")';
    const unit = await unitIn(area, { name });
    await record(unit.id, 'wiring.refused', -1);
    const rows: Record<string, string>[] = parse((await office.get(`/api/reports/laggards.csv?parentCode=${area}`)).rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => r['单位名称'])).toEqual([`'${name}`]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await office.get(`/api/reports/laggards.xlsx?parentCode=${area}`)).rawPayload as unknown as ArrayBuffer);
    const cell = book.worksheets[0].getRow(3).getCell(3);
    expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, name]);
  });

  it('names a past export by its as-of date and applies the filters', async () => {
    const { area, refused } = await twoLaggards();
    const res = await office.get(`/api/reports/laggards.csv?parentCode=${area}&asOf=${day(-1)}&category=refused_wiring`);
    expect(String(res.headers['content-disposition'])).toContain(`laggards-${day(-1)}.csv`);
    const rows: Record<string, string>[] = parse(res.rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => r['单位编码'])).toEqual([refused.code]);
    expect(rows[0]['拒绝布线（天）']).toBe('1');
  });

  it('exports a workbook with a title row, Chinese headers, fitting widths and a frozen header', async () => {
    const { area } = await twoLaggards();
    const res = await viewer.get(`/api/reports/laggards.xlsx?parentCode=${area}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename="laggards-${day(0)}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`落后单位-${day(0)}.xlsx`)}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('落后单位')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`截至 ${day(0)}`);
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['排名', '单位编码', '单位名称', '单位类型']);
    expect(sheet.getRow(3).getCell(3).value).toBe('县教育局');
    expect(sheet.getRow(4).getCell(3).value).toBe('哈达铺镇人民政府');
    expect(sheet.getRow(4).getCell(1).value).toBe(2);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // the name column fits the longest name (8 CJK characters, two units each)
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(16);
  });
});

describe('GET /api/reports/summary', () => {
  const summary = async (query = '') => {
    const res = await office.get(`/api/reports/summary${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('counts units, onboarded units, laggards and stage statuses, today and as of a past day', async () => {
    const before = await summary();
    const pastBefore = await summary(`?asOf=${day(-3)}`);
    const a = await t.unit({ kind: 'township' });
    await record(a.id, 'wiring.refused', -5);
    const b = await t.unit();
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted'] as const) await record(b.id, type, -4);
    await record(b.id, 'registration.verified', -1);
    const after = await summary();
    expect(after.asOf).toBe(day(0));
    expect(after.totalUnits - before.totalUnits).toBe(2);
    expect(after.onboarded - before.onboarded).toBe(1);
    expect(after.laggards - before.laggards).toBe(1);
    expect(after.byCategory.refused_wiring - before.byCategory.refused_wiring).toBe(1);
    expect(after.byKind.township - before.byKind.township).toBe(1);
    expect(after.stages.wiring.blocked - before.stages.wiring.blocked).toBe(1);
    expect(after.stages.wiring.done - before.stages.wiring.done).toBe(1);
    expect(after.stages.registration.done - before.stages.registration.done).toBe(1);

    // three days ago b was connected and awaiting review, not yet onboarded
    const past = await summary(`?asOf=${day(-3)}`);
    expect(past.asOf).toBe(day(-3));
    expect(past.onboarded - pastBefore.onboarded).toBe(0);
    expect(past.stages.registration.in_progress - pastBefore.stages.registration.in_progress).toBe(1);
    expect(past.stages.connection.done - pastBefore.stages.connection.done).toBe(1);
  });
});

describe('GET /api/reports/trend', () => {
  it('counts, per day, the units whose stages were done by the end of that day', async () => {
    const query = `/api/reports/trend?from=${day(-4)}&to=${day(0)}`;
    const before = (await office.get(query)).json();
    const unit = await t.unit();
    await record(unit.id, 'wiring.completed', -3);
    await record(unit.id, 'connection.completed', -1);
    const res = await office.get(query);
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.items.map((p: { date: string }) => p.date)).toEqual([-4, -3, -2, -1, 0].map(day));
    const delta = after.items.map((p: Record<string, number>, i: number) => [
      p.wiring - before.items[i].wiring,
      p.connection - before.items[i].connection,
      p.registration - before.items[i].registration,
    ]);
    expect(delta).toEqual([[0, 0, 0], [1, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0]]);
  });

  it('refuses more than 400 days, also when only from is given (to is then today)', async () => {
    expect((await office.get(`/api/reports/trend?from=${day(-399)}`)).json().items).toHaveLength(400);
    const res = await office.get(`/api/reports/trend?from=${day(-400)}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'querystring.from' })]);
    const both = await office.get(`/api/reports/trend?from=${day(-500)}&to=${day(-100)}`);
    expect(both.statusCode).toBe(400);
    expect(errorOf(both).details).toEqual([expect.objectContaining({ field: 'querystring.from' })]);
  });

  it('defaults to the 30 days up to today', async () => {
    const body = (await office.get('/api/reports/trend')).json();
    expect(body.items).toHaveLength(30);
    expect(body.to).toBe(day(0));
    expect(body.from).toBe(day(-29));
  });

  it('refuses a range whose start is after its end', async () => {
    const res = await office.get(`/api/reports/trend?from=${day(0)}&to=${day(-1)}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/reports/reasons', () => {
  it('counts live refusals and postponements by reason code, as of a day', async () => {
    const counts = async (q = '') =>
      Object.fromEntries(((await office.get(`/api/reports/reasons${q}`)).json().items as { reasonCode: string | null; count: number }[]).map((i) => [String(i.reasonCode), i.count]));
    const before = await counts();
    const beforePast = await counts(`?asOf=${day(-3)}`);
    const unit = await t.unit();
    await record(unit.id, 'wiring.postponed', -6, { reasonCode: 'cost_dispute' });
    await record(unit.id, 'wiring.refused', -4, { reasonCode: 'cost_dispute' });
    await record(unit.id, 'wiring.refused', -2, { reasonCode: 'security_concern' });
    const last = await record(unit.id, 'wiring.postponed', -1, { reasonCode: 'security_concern' });
    await office.post(`/api/events/${last.id}/void`, { reason: '误录' });
    const after = await counts();
    const diff = (a: Record<string, number>, b: Record<string, number>, k: string) => (a[k] ?? 0) - (b[k] ?? 0);
    expect(diff(after, before, 'cost_dispute')).toBe(2);
    expect(diff(after, before, 'security_concern')).toBe(1);
    const past = await counts(`?asOf=${day(-3)}`);
    expect(diff(past, beforePast, 'cost_dispute')).toBe(2);
    expect(diff(past, beforePast, 'security_concern')).toBe(0);
  });
});

describe('who may read reports, and bad queries', () => {
  const routes = ['summary', 'laggards', 'laggards.csv', 'laggards.xlsx', 'trend', 'reasons'].map((r) => `/api/reports/${r}`);

  it('answers 401 without a session', async () => {
    for (const url of routes) {
      const res = await t.anonymous.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to technicians and unit contacts', async () => {
    const technician = await t.as('technician');
    const contact = await t.as('unit');
    for (const url of routes) {
      for (const agent of [technician, contact]) {
        const res = await agent.get(url);
        expect(res.statusCode, `${agent.user.role} ${url}`).toBe(403);
        expect(errorOf(res).code).toBe('FORBIDDEN');
      }
    }
  });

  it('answers 400 naming the field for a bad asOf, category, kind or page size', async () => {
    for (const url of [
      '/api/reports/summary?asOf=2026-02-30',
      '/api/reports/laggards?asOf=yesterday',
      '/api/reports/laggards.csv?asOf=2026-13-01',
      '/api/reports/laggards.xlsx?asOf=20261128',
      '/api/reports/reasons?asOf=2026-11-28T00:00:00Z',
      // a two-digit year would be read as 19xx
      '/api/reports/laggards?asOf=0050-06-01',
    ]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(error.details)).toContain('asOf');
    }
    for (const [url, field] of [
      ['/api/reports/laggards?category=lazy', 'category'],
      ['/api/reports/laggards?kind=village', 'kind'],
      ['/api/reports/laggards?pageSize=501', 'pageSize'],
      ['/api/reports/trend?from=someday', 'from'],
    ]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(errorOf(res).details)).toContain(field);
    }
  });
});

describe('the reports’ own connections', () => {
  // on PGlite there is one connection in process; on PostgreSQL the reports have a pool of their
  // own, so that a long export cannot hold up the steps technicians are writing
  it.skipIf(!process.env.TEST_DATABASE_URL)('run the reports on the reports pool', async () => {
    expect((await office.get('/api/reports/summary')).statusCode).toBe(200);
    // the connections of this database, asked from the writes' pool: nothing but a report route
    // has used the reports' pool yet (its report ran in a transaction: the last statement is its commit)
    const found = (await t.database.db.execute(sql`select application_name as name, query from pg_stat_activity
      where datname = current_database() and application_name like 'zwtracker%'`)) as unknown as { name: string; query: string }[];
    expect(found.filter((c) => c.name === 'zwtracker-reports').length, JSON.stringify(found)).toBeGreaterThan(0);
  });

  // on PGlite the reports and the writes share the one connection in process: nothing to hold apart
  it.skipIf(!process.env.TEST_DATABASE_URL)('writes answer while every report connection is busy', async () => {
    expect(t.database.reports, 'the reports have a pool of their own').not.toBe(t.database.db);
    // as many long queries as the writes' pool has connections: were they one pool, writes would wait
    let reportsDone = false;
    const slow = Promise.all([1, 2, 3, 4].map(() => t.database.reports.execute(sql`select pg_sleep(3)`))).then(() => {
      reportsDone = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    const unit = await t.unit();
    expect((await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
    // the write answered while the long queries still held every report connection
    expect(reportsDone, 'the write waited for the reports’ long queries').toBe(false);
    await slow;
  });
});
