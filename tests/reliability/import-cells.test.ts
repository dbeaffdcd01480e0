// Fuzz: workbooks made of every kind of cell exceljs knows (text, rich text, hyperlink, number,
// date, boolean, error, formula with and without a saved result), in the name column of rows that
// are otherwise valid (a bad cell elsewhere would stop the row earlier). Whatever the mix, the
// answer is a 200 or a 400 naming rows, never a 500, and no stored name is "[object Object]" (the
// old reader stored one for a formula without a saved result: found in the first runs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniq, type Agent } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { workbook, XLSX } from '../helpers/workbooks.js';

let office: Agent;
test.beforeAll(({ office: fOffice }) => {
  office = fOffice;
});

/** One exceljs cell value of each kind. */
const cellValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('县教育局', '乡镇', '部门', '其他', '（清空）', '2026-12-31', '0939-5521234'),
  fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }).map((parts) => ({ richText: parts.map((text) => ({ text })) })),
  fc.string({ minLength: 1, maxLength: 8 }).map((text) => ({ text, hyperlink: 'http://example.com/' })),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: 0, max: 1e11 }),
  fc.date({ min: new Date('1980-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.boolean(),
  fc.constantFrom('#N/A', '#DIV/0!', '#REF!', '#VALUE!').map((error) => ({ error })),
  {
    weight: 3,
    arbitrary: fc.constantFrom({ formula: 'A1&"x"' }, { formula: '1+1', result: 2 }, { formula: '""&"县"', result: '县局' }, { formula: 'TODAY()', result: new Date(Date.UTC(2026, 11, 1)) }),
  },
  fc.constantFrom(null, undefined),
);

describe('workbooks of every cell kind', () => {
  it('answer 200 or a 400 naming rows, and never store [object Object]', async () => {
    await fc.assert(
      // the name cell of any kind, the others valid: rows then get as far as being stored
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            cellValue,
            fc.constantFrom('乡镇', '部门', '其他'),
            fc.constantFrom(null, '0939-5521234', 13912345678),
            fc.constantFrom(null, new Date(Date.UTC(2026, 11, 31)), '2026-12-31'),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.boolean(),
        async (cells, dryRun) => {
        const prefix = uniq('F').toUpperCase();
        const rows = cells.map(([name, kind, phone, due], i) => [`${prefix}-${i}`, name, kind, phone, due]);
        const file = await workbook([['编码', '名称', '类型', '联系电话', '布线截止'], ...rows]);
        const res = await office.request('POST', `/api/units/import${dryRun ? '?dryRun=true' : ''}`, file, { 'content-type': XLSX });
        expect([200, 400], res.body.slice(0, 300)).toContain(res.statusCode);
        if (res.statusCode === 400) {
          const details = res.json().error.details as { row: number; field: string; message: string }[];
          // a refusal says where: at least one row's detail
          expect(details.length, res.body.slice(0, 300)).toBeGreaterThan(0);
          for (const d of details) {
            expect(d.row).toBeGreaterThanOrEqual(1);
            expect(d.message).not.toMatch(/object Object/);
          }
        }
        const { items } = (await office.get(`/api/units?q=${prefix}&pageSize=50`)).json();
        // a stored import is found again, one unit a row; a refused or trial one stores nothing
        expect(items, res.body.slice(0, 300)).toHaveLength(res.statusCode === 200 && !dryRun ? rows.length : 0);
        for (const u of items) expect(JSON.stringify(u)).not.toMatch(/object Object/);
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});
