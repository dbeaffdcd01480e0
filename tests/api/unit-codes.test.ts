// Unit codes that differ only by full-width digits, surrounding spaces or letter case are one unit,
// at every entry point.
import { eq, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { migrationsFolder } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { initialProgress } from '../../shared/domain/progress.js';
import { progressColumns } from '../../db/queries/units.js';
import { uniq, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

const digits = () => String(Math.floor(Math.random() * 1e9)).padStart(9, '1');
const fullWidth = (s: string) => s.replace(/[0-9a-zA-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const body = (code: string) => ({ code, name: '县农业农村局', kind: 'department' });

describe('one unit per code, however it is typed', () => {
  test('stores a full-width, spaced, lower-case code in its normal form, and refuses its look-alike as a duplicate', async ({ office }) => {
    const d = digits();
    const res = await office.post('/api/units', body(` ${fullWidth(`ab${d}`)} `));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().unit.code).toBe(`AB${d}`);
    expect((await office.post('/api/units', body(`Ab${d}`))).statusCode).toBe(409);
  });

  test('PATCH to a look-alike of another unit’s code is a 409; to its own look-alike a no-op', async ({ office }) => {
    const [d1, d2] = [digits(), digits()];
    const a = (await office.post('/api/units', body(`P${d1}`))).json().unit;
    await office.post('/api/units', body(`P${d2}`));
    expect((await office.patch(`/api/units/${a.id}`, { code: fullWidth(`p${d2}`) })).statusCode).toBe(409);
    const same = await office.patch(`/api/units/${a.id}`, { code: fullWidth(`p${d1}`) });
    expect(same.statusCode).toBe(200);
    expect(same.json().unit.code).toBe(`P${d1}`);
  });

  test('the import updates the unit a look-alike code names instead of making a second', async ({ office }) => {
    const d = digits();
    await office.post('/api/units', body(`I${d}`));
    const res = await office.request('POST', '/api/units/import', `编码,名称,类型\n" ${fullWidth(`i${d}`)}",县农业局,部门\n`, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 1 });
  });

  test('two rows of one file that differ only by width or case are the same code twice', async ({ office }) => {
    const d = digits();
    const res = await office.request('POST', '/api/units/import', `编码,名称,类型\nk${d},甲,部门\n${fullWidth(`K${d}`)},乙,部门\n`, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ row: 3, field: 'code', message: `code K${d} is also on row 2` }]);
  });

  test('finds a unit by a full-width code in the search, and stores its 上级编码 in the normal form', async ({ office }) => {
    const d = digits();
    const parent = `Q${digits()}`;
    const res = await office.post('/api/units', { ...body(`S${d}`), parentCode: ` ${fullWidth(parent.toLowerCase())}` });
    expect(res.json().unit.parentCode).toBe(parent);
    expect((await office.get(`/api/units?q=${encodeURIComponent(fullWidth(`s${d}`))}`)).json().total).toBe(1);
  });
});

describe('0007: stored codes in their normal form', () => {
  const migration = readFileSync(`${migrationsFolder}/0007_unit_code_normal_form.sql`, 'utf8').split('--> statement-breakpoint');
  const raw = async (t: TestApp, code: string, parentCode: string | null = null) => {
    const now = new Date();
    const [row] = await t.database.db
      .insert(units)
      .values({ code, parentCode, name: `单位${uniq()}`, kind: 'department', createdAt: now, ...progressColumns(initialProgress(now.toISOString())) })
      .returning();
    return row;
  };

  test('normalises codes and parent codes as the code does, and leaves colliding codes as they are', async ({ t }) => {
    const d = digits();
    const plain = await raw(t, fullWidth(`m${d}`), ` ${fullWidth(`pa${d}`)}`);
    const taken = await raw(t, `N${d}`);
    const twin = await raw(t, `n${d}`);
    for (const statement of migration) await t.database.db.execute(sql.raw(statement));
    const read = async (id: string) => (await t.database.db.select({ code: units.code, parent_code: units.parentCode }).from(units).where(eq(units.id, id)))[0];
    expect(await read(plain.id)).toMatchObject({ code: `M${d}`, parent_code: `PA${d}` });
    expect(await read(taken.id)).toMatchObject({ code: `N${d}` });
    expect(await read(twin.id)).toMatchObject({ code: `n${d}` }); // would collide: left, and named in a NOTICE
  });
});
