// Codes belong to counties (docs/contract/domain.md "The record"): an office can neither learn
// whether a code of another county is used nor take or block one. The same answer, status and
// words, for a taken and a free code outside the scope, on create, PATCH and import (dry run or
// not); codes that name no county unique within their county; the SQL rule the uniqueness index
// uses (migration 0018) equal to shared/domain/codes.ts's.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { rowsOf } from '../../db/rows.js';
import { withCodeCounty } from '../../db/queries/import.js';
import { countyCandidates, countyOfCode, USCC_CHARS, usccCheckChar } from '../../shared/domain/codes.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { TANCHANG, WUDU, test } from '../helpers/fixture.js';

const n = (digits: number) => String(Math.floor(Math.random() * 10 ** digits)).padStart(digits, '0');
/** A valid 统一社会信用代码 registered in `region`. */
const uscc = (region: string) => {
  const body = `11${region}${Array.from({ length: 9 }, () => USCC_CHARS[Math.floor(Math.random() * 31)]).join('')}`;
  return body + usccCheckChar(body);
};
/** The forms of code that name a county: a township's, a department's numbered after its county, a 统一社会信用代码. */
const FORMS = {
  township: (county: string) => `${county}${n(6)}`,
  numbered: (county: string) => `${county}-D${n(5)}`,
  uscc,
} as const;

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const importAs = (agent: Agent, body: string, dryRun: boolean) =>
  agent.request('POST', `/api/units/import${dryRun ? '?dryRun=true' : ''}`, body, { 'content-type': 'text/csv' });
const answerOf = (res: { statusCode: number; json: () => unknown }) => ({ status: res.statusCode, body: res.json() });

type Op = 'create' | 'patch' | 'import' | 'dryRun';
const OPS: Op[] = ['create', 'patch', 'import', 'dryRun'];

describe('the SQL rule is the domain’s', () => {
  test('unit_code_county (0018) answers what countyOfCode answers, over real, random and look-alike codes', async ({ t }) => {
    const counties = new Set(
      (await rowsOf<{ code: string }>(t.database.db, sql`select code from areas where level = 'county'`)).map((r) => r.code),
    );
    const isCounty = (c: string) => counties.has(c);
    const some = [...counties].slice(0, 50);
    const codes = fc.sample(
      fc.oneof(
        fc.constantFrom(...some).map((c) => FORMS.township(c)),
        fc.constantFrom(...some).map((c) => FORMS.numbered(c)),
        fc.constantFrom(...some, '350100', '999999').map(uscc),
        fc.constantFrom(...some).map((c) => uscc(c).slice(0, 17) + 'Y'),
        fc.stringMatching(/^[0-9A-Z]{1,20}$/),
        fc.stringMatching(/^\d{6,12}$/),
      ),
      600,
    );
    codes.push('91110108551385082Q', '91350100M000100Y43', '621223100', '6212231', 'XZ-1');
    const rows = await rowsOf<{ c: string; county: string | null }>(t.database.db, sql`select c, unit_code_county(c) as county from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) as c`);
    const disagree = rows.filter((r) => r.county !== countyOfCode(r.c, isCounty));
    expect(disagree).toEqual([]);
    expect(rows.some((r) => r.county !== null && countyCandidates(r.c)[0] !== r.c.slice(0, 6))).toBe(true); // a USCC was read
    // the import's set-based fill (0024: the trigger stands aside for it) answers the same
    const joined = await rowsOf<{ code: string; code_county: string | null }>(
      t.database.db,
      withCodeCounty(sql`select c as code from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) as c`),
    );
    expect(joined).toHaveLength(codes.length);
    expect(joined.filter((r) => r.code_county !== countyOfCode(r.code, isCounty))).toEqual([]);
  });
});

describe('a code outside the scope: one answer, taken or free', () => {
  /** 宕昌县's office tries `code` by `op`; answers status and body. */
  async function attempt(t: TestApp, agent: Agent, op: Op, code: string) {
    if (op === 'create') return answerOf(await agent.post('/api/units', { code, name: `单位${uniq()}`, kind: 'department' }));
    if (op === 'patch') {
      const own = await t.unit({ areaCode: TANCHANG });
      return answerOf(await agent.patch(`/api/units/${own.id}`, { code }));
    }
    return answerOf(await importAs(agent, csv('编码,名称,类型', `${code},单位${uniq()},部门`), op === 'dryRun'));
  }

  for (const [form, make] of Object.entries(FORMS)) {
    test(`${form}: create, PATCH, import and dry run answer the same for a taken and a free code of 武都区`, async ({ t, office, tanchang, wudu }) => {
      for (const op of OPS) {
        const [taken, free] = [make(WUDU), make(WUDU)];
        const holder = await office.post('/api/units', { code: taken, name: `武都单位${uniq()}`, kind: 'department', areaCode: WUDU });
        expect(holder.statusCode, holder.body).toBe(201);
        const a = await attempt(t, tanchang.office, op, taken);
        const b = await attempt(t, tanchang.office, op, free);
        // the words name the code tried; with it put aside, the answers are identical
        expect(JSON.stringify(a).replaceAll(taken, 'X'), `${form} ${op}`).toBe(JSON.stringify(b).replaceAll(free, 'X'));
        expect(a.status, `${form} ${op}`).toBe(op === 'create' || op === 'patch' ? 403 : 400);
        expect(JSON.stringify(a.body)).toContain(`编码 ${taken} 属于您管辖范围以外的区县`);
        // nothing was taken or blocked: the holder is as it was, and 武都区 may still use the free code
        expect((await office.get(`/api/units/${holder.json().unit.id}`)).json().unit.name).toBe(holder.json().unit.name);
        const own = await wudu.office.post('/api/units', { code: free, name: '武都新单位', kind: 'department' });
        expect(own.statusCode, `${form} ${op}: ${own.body}`).toBe(201);
      }
    });

    test(`${form}: inside the scope, a taken code is a 409 on create and PATCH and an update by import`, async ({ t, tanchang }) => {
      const code = make(TANCHANG);
      expect((await attempt(t, tanchang.office, 'create', code)).status).toBe(201);
      expect((await attempt(t, tanchang.office, 'create', code)).status).toBe(409);
      expect((await attempt(t, tanchang.office, 'patch', code)).status).toBe(409);
      expect((await attempt(t, tanchang.office, 'dryRun', code)).body).toMatchObject({ created: 0, updated: 1 });
      expect((await attempt(t, tanchang.office, 'import', code)).body).toMatchObject({ created: 0, updated: 1 });
      expect((await attempt(t, tanchang.office, 'dryRun', make(TANCHANG))).body).toMatchObject({ created: 1, updated: 0 });
    });
  }
});

describe('codes that name no county are unique within their county', () => {
  test('two counties may each have a D001, and neither learns of the other’s', async ({ t, tanchang, wudu }) => {
    const code = uniq('D').toUpperCase();
    expect((await wudu.office.post('/api/units', { code, name: '武都区某局', kind: 'department' })).statusCode).toBe(201);
    const own = await tanchang.office.post('/api/units', { code, name: '宕昌县某局', kind: 'department' });
    expect(own.statusCode, own.body).toBe(201);
    expect((await tanchang.office.post('/api/units', { code, name: '又一个', kind: 'department' })).statusCode).toBe(409);
    const other = await t.unit({ code: uniq('D').toUpperCase(), areaCode: TANCHANG });
    // a PATCH to a code 武都区 uses is no conflict for 宕昌县; to one its own county uses, it is
    expect((await tanchang.office.patch(`/api/units/${other.id}`, { code })).statusCode).toBe(409);
    const third = await t.unit({ code: uniq('D').toUpperCase(), areaCode: TANCHANG });
    const wuduOnly = uniq('D').toUpperCase();
    await wudu.office.post('/api/units', { code: wuduOnly, name: '武都区另一局', kind: 'department' });
    expect((await tanchang.office.patch(`/api/units/${third.id}`, { code: wuduOnly })).statusCode).toBe(200);
  });
});

describe('the two attacks of issue 23', () => {
  test('a 330-row dry run as 宕昌县 tells nothing of which 武都区 codes are used', async ({ office, tanchang }) => {
    const block = n(3);
    const codes = Array.from({ length: 110 }, (_, i) => `${WUDU}${block}${String(i).padStart(3, '0')}`);
    const used = new Set(codes.filter((_, i) => i % 2 === 0).slice(0, 52));
    for (const code of used) expect((await office.post('/api/units', { code, name: `乡镇${code}`, kind: 'township' })).statusCode).toBe(201);
    const lines = codes.flatMap((code, i) => [`${code},乡镇${i},乡镇`, `${WUDU}-D${block}${i},部门${i},部门`, `${uscc(WUDU)},机构${i},其他`]);
    const res = await importAs(tanchang.office, csv('编码,名称,类型', ...lines), true);
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { row: number; field: string; message: string }[];
    expect(details).toHaveLength(330);
    const shapes = new Set(details.map((d) => `${d.field}:${d.message.replace(/编码 \S+ /, '编码 X ')}`));
    expect([...shapes]).toEqual(['code:编码 X 属于您管辖范围以外的区县，不能使用']);
  });

  test('PATCH to 621202888 from 宕昌县 is refused as POST is, and 武都区 can still make its township', async ({ t, tanchang, wudu }) => {
    const own = await t.unit({ areaCode: TANCHANG });
    const patched = await tanchang.office.patch(`/api/units/${own.id}`, { code: '621202888' });
    const posted = await tanchang.office.post('/api/units', { code: '621202888', name: '某镇', kind: 'township' });
    expect(answerOf(patched)).toEqual(answerOf(posted));
    expect(patched.statusCode).toBe(403);
    const made = await wudu.office.post('/api/units', { code: '621202888', name: '武都区某镇', kind: 'township' });
    expect(made.statusCode, made.body).toBe(201);
  });
});
