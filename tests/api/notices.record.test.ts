// The record (issue 23): a notice holds the answer or the withdrawal, never both — refused by
// the service (409, nothing written) and by the database's trigger for a direct update.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { audit, notices } from '../../db/schema/index.js';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

/** A notice to a unit that refused the wiring, and that unit's contact. */
async function issued() {
  const unit = await t.unit({ kind: 'township' });
  expect((await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
  const res = await office.post(`/api/units/${unit.id}/notices`, {});
  expect(res.statusCode, res.body).toBe(201);
  const contact = await t.as('unit', { unitId: unit.id });
  return { unit, notice: res.json().notice as { id: string }, contact };
}

const row = async (id: string) => (await t.database.db.select().from(notices).where(eq(notices.id, id)))[0];
const withdrawals = async (id: string) =>
  (await t.database.db.select().from(audit).where(eq(audit.action, 'notice.withdraw'))).filter((r) => (r.details as { noticeId?: string }).noticeId === id);

describe('an answered notice', () => {
  it('cannot be withdrawn: 409 in words, the notice unchanged, no audit row', async () => {
    const { notice, contact } = await issued();
    expect((await contact.post(`/api/notices/${notice.id}/answer`, { text: '已安排下周一布线' })).statusCode).toBe(200);
    const before = await row(notice.id);
    const res = await office.post(`/api/notices/${notice.id}/withdraw`, { reason: '发错了单位' });
    expect(res.statusCode, res.body).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', message: '该催办已答复，不能撤回', details: { reason: 'answered_not_withdrawable' } });
    expect(await row(notice.id)).toEqual(before);
    expect(await withdrawals(notice.id)).toEqual([]);
    const seen = (await office.get(`/api/notices/${notice.id}`)).json().notice;
    expect(seen.status).toBe('answered');
    expect(seen.withdrawn).toBeUndefined();
  });

  it('a withdrawn notice still cannot be answered (as before)', async () => {
    const { notice, contact } = await issued();
    expect((await office.post(`/api/notices/${notice.id}/withdraw`, { reason: '发错了单位' })).statusCode).toBe(200);
    const before = await row(notice.id);
    const res = await contact.post(`/api/notices/${notice.id}/answer`, { text: '收到' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).details).toMatchObject({ reason: 'withdrawn' });
    expect(await row(notice.id)).toEqual(before);
  });
});

describe('the database refuses a notice holding both', () => {
  it('withdrawing an answered notice by a direct update', async () => {
    const { notice, contact } = await issued();
    expect((await contact.post(`/api/notices/${notice.id}/answer`, { text: '收到' })).statusCode).toBe(200);
    await expect(
      t.database.db.execute(sql`update notices set withdrawn_at = now(), withdraw_reason = 'x', withdrawn_by_name = 'x' where id = ${notice.id}`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`update notices set withdraw_reason = 'x' where id = ${notice.id}`)).rejects.toThrow();
    expect((await row(notice.id)).withdrawnAt).toBeNull();
  });

  it('answering a withdrawn notice by a direct update, any of the answer’s columns', async () => {
    const { notice } = await issued();
    expect((await office.post(`/api/notices/${notice.id}/withdraw`, { reason: '发错了单位' })).statusCode).toBe(200);
    await expect(t.database.db.execute(sql`update notices set answered_at = now(), answer_text = 'x', answered_by_name = 'x' where id = ${notice.id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update notices set answer_text = 'x' where id = ${notice.id}`)).rejects.toThrow();
    expect((await row(notice.id)).answerText).toBeNull();
  });

  it('both at once on an open notice', async () => {
    const { notice } = await issued();
    await expect(
      t.database.db.execute(sql`update notices set answered_at = now(), answer_text = 'x', answered_by_name = 'x', withdrawn_at = now(), withdraw_reason = 'x', withdrawn_by_name = 'x' where id = ${notice.id}`),
    ).rejects.toThrow();
    // and each alone is still the ordinary way
    await t.database.db.execute(sql`update notices set answered_at = now(), answer_text = 'x', answered_by_name = 'x' where id = ${notice.id}`);
    expect((await row(notice.id)).answeredAt).not.toBeNull();
  });
});
