// Imports that met the database's limits: 70,000 distinct values in one lookup, and two imports of
// the same new codes at once in opposite orders (on PostgreSQL they deadlocked: one was a 500).
import { describe, expect, it } from 'vitest';
import { uniq, type Agent } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let office: Agent;
test.beforeAll(({ office: fOffice }) => {
  office = fOffice;
});

const csv = (lines: string[], query = '') => office.request('POST', `/api/units/import${query}`, lines.join('\n'), { 'content-type': 'text/csv' });

describe('an import within the database’s limits', () => {
  it('answers a 400 naming the rows, not a 500, for 70,000 distinct technicians that do not exist', async () => {
    const prefix = uniq('T').toUpperCase();
    const lines = ['编码,名称,类型,负责技术员'];
    for (let i = 0; i < 70_000; i++) lines.push(`${prefix}-${i},单位${i},部门,tech-${prefix}-${i}`);
    const res = await csv(lines, '?dryRun=true');
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { row: number; field: string }[];
    expect(details).toHaveLength(70_000);
    expect(details[0]).toMatchObject({ row: 2, field: 'assignee' });
  }, 120_000);

  it('imports 70,000 units with distinct names and parents in one go', async () => {
    const prefix = uniq('N').toUpperCase();
    const lines = ['编码,名称,类型,上级编码'];
    for (let i = 0; i < 70_000; i++) lines.push(`${prefix}-${i},单位${prefix}${i},部门,${prefix}-P${i}`);
    const res = await csv(lines, '?dryRun=true');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ created: 70_000, warningsOmitted: 69_000 });
  }, 120_000);
});

describe('two imports of the same new codes at once', () => {
  it('both succeed, in opposite row orders, trial after trial', async () => {
    const TRIALS = 8;
    for (let trial = 0; trial < TRIALS; trial++) {
      const prefix = uniq('R').toUpperCase();
      const rows = Array.from({ length: 300 }, (_, i) => `${prefix}-${String(i).padStart(3, '0')},单位${trial}-${i},部门,联系人${trial}`);
      const header = '编码,名称,类型,联系人';
      const [a, b] = await Promise.all([csv([header, ...rows]), csv([header, ...[...rows].reverse()])]);
      expect([a.statusCode, b.statusCode], `${a.body.slice(0, 200)} ${b.body.slice(0, 200)}`).toEqual([200, 200]);
      expect(a.json().created + b.json().created).toBe(300);
      expect(a.json().updated + b.json().updated).toBe(300);
    }
  }, 120_000);
});
