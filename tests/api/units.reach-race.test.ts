// A narrowed office's write in flight: the request passed its session check under the old scope,
// then an office narrowed it before the write. Units' writes and the import re-read the actor's
// reach under lock inside their transaction, so the write is judged by the new scope. The race is
// made deterministic by calling the services with the actor as the session saw it, after the
// narrowing has landed.
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { rowsOf } from '../../db/rows.js';
import { actorFor, type Actor } from '../../server/lib/actor.js';
import { createUnit, patchUnit } from '../../server/features/units/units.service.js';
import { checkFile, writeChecked } from '../../server/features/units/import.service.js';
import { parseCsv } from '../../server/features/units/import.parse.js';
import { CreateUnit } from '../../shared/schemas/units.js';
import { uniq } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

const LONGNAN = '6212';
const TANCHANG = '621223';
const WUDU = '621202';

/** a department in 武都, as the route would have parsed it */
const wuduDepartment = () => CreateUnit.parse({ code: uniq('R'), name: '武都某局', kind: 'department', areaCode: WUDU });

const statusOf = (p: Promise<unknown>) => p.then(() => 200, (err: { status?: number }) => err.status ?? 500);

describe('a city office narrowed to one county while its write is in flight', () => {
  test('creates, edits and imports under its new scope, not the one its session had', async ({ t }) => {
    const db = t.app.database.db;
    const agent = await t.as('office', { scope: LONGNAN });
    const stale: Actor = actorFor(agent.user, '127.0.0.1');
    const inWudu = await t.unit({ code: uniq('R'), areaCode: WUDU });
    // under the city's scope the same writes are taken
    expect(await statusOf(createUnit(db, stale, wuduDepartment()))).toBe(200);
    const csv = (code: string) => Buffer.from(`编码,名称,类型,所属区县\n${code},武都某局,部门,${WUDU}\n`);
    const checked = await checkFile(db, stale, await parseCsv(csv(uniq('R'))));
    expect(checked.issues).toEqual([]);

    await db.execute(sql`update users set scope = ${TANCHANG} where id = ${agent.user.id}::uuid`);

    expect(await statusOf(createUnit(db, stale, wuduDepartment()))).toBe(403);
    // the unit in 武都 is outside the new scope: no row, the unknown unit's 404
    expect(await statusOf(patchUnit(db, stale, inWudu.id, { name: '改名' }))).toBe(404);
    // the file was checked under the city's scope; its write is refused under the county's
    expect(await statusOf(writeChecked(db, stale, checked))).toBe(403);
    const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from units where name = '改名' and id = ${inWudu.id}::uuid`);
    expect(n).toBe(0);
  });
});
