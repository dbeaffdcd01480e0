// Training (docs/contract/training.md): the backbone people, creating a training for one's scope
// with who must attend, the roster, the office's marks (offline events recorded once), closing.
import { describe, expect } from 'vitest';
import { errorOf, uniq } from '../helpers/app.js';
import { TANCHANG, WUDU, test } from '../helpers/fixture.js';
import { createTraining, rosterOf, statusOf, trainingBody } from '../helpers/training.js';

describe('backbone people', () => {
  test('the unit\'s contact names a primary; naming another ends the first term, kept in the history', async ({ tanchangContact, tanchang }) => {
    const unitId = tanchangContact.user.unitId!;
    const first = await tanchangContact.post(`/api/units/${unitId}/backbones`, { kind: 'primary', name: '李明', post: '办公室主任', phone: '13800000001', since: '2026-01-05' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await tanchang.office.post(`/api/units/${unitId}/backbones`, { kind: 'primary', name: '王芳', since: '2026-03-01' });
    expect(second.statusCode, second.body).toBe(201);
    const deputy = await tanchang.office.post(`/api/units/${unitId}/backbones`, { kind: 'deputy', name: '赵强' });
    expect(deputy.statusCode, deputy.body).toBe(201);
    const got = (await tanchangContact.get(`/api/units/${unitId}/backbones`)).json();
    expect(got.current.primary).toMatchObject({ name: '王芳', since: '2026-03-01' });
    expect(got.current.deputy).toMatchObject({ name: '赵强' });
    expect(got.history).toEqual([expect.objectContaining({ name: '李明', post: '办公室主任', endedAt: '2026-03-01' })]);
  });

  test('another county\'s office, another unit\'s contact and a technician may not name one', async ({ t, tanchangContact, wudu, technician }) => {
    const unitId = tanchangContact.user.unitId!;
    expect((await wudu.office.post(`/api/units/${unitId}/backbones`, { kind: 'primary', name: '甲' })).statusCode).toBe(404);
    expect((await technician.post(`/api/units/${unitId}/backbones`, { kind: 'primary', name: '甲' })).statusCode).toBe(403);
    const other = await t.as('unit');
    expect((await other.post(`/api/units/${unitId}/backbones`, { kind: 'primary', name: '甲' })).statusCode).toBe(403);
  });

  test('a start before the current term\'s is refused, and nothing changes', async ({ tanchang, t }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    expect((await tanchang.office.post(`/api/units/${unit.id}/backbones`, { kind: 'primary', name: '甲', since: '2026-05-01' })).statusCode).toBe(201);
    const early = await tanchang.office.post(`/api/units/${unit.id}/backbones`, { kind: 'primary', name: '乙', since: '2026-04-01' });
    expect(early.statusCode).toBe(400);
    expect((await tanchang.office.get(`/api/units/${unit.id}/backbones`)).json().current.primary.name).toBe('甲');
  });
});

describe('trainings', () => {
  test('enrols the named units and the kinds inside the creator\'s scope only', async ({ t, tanchang }) => {
    const group = uniq('G');
    const [a, b] = [await t.unit({ areaCode: TANCHANG, kind: 'other', parentCode: group }), await t.unit({ areaCode: TANCHANG, kind: 'other', parentCode: group })];
    const outside = await t.unit({ areaCode: WUDU, kind: 'other' });
    const refused = await tanchang.office.post('/api/trainings', trainingBody({ unitIds: [a.id, outside.id] }));
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('VALIDATION_FAILED');
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [a.id, b.id] }));
    expect(tr).toMatchObject({ status: 'open', counts: { enrolled: 2, invited: 2, attended: 0 } });
    const byKind = await createTraining(tanchang.office, trainingBody({ kinds: ['township'] }));
    const roster = await rosterOf(tanchang.office, byKind.id);
    expect(roster.length).toBeGreaterThan(0);
    expect(roster.some((r) => r.unit.id === outside.id)).toBe(false);
  });

  test('another county\'s office does not see the training (404), the city does', async ({ t, tanchang, wudu, longnan }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id] }));
    expect((await wudu.office.get(`/api/trainings/${tr.id}`)).statusCode).toBe(404);
    expect((await wudu.office.get(`/api/trainings/${tr.id}/roster`)).statusCode).toBe(404);
    expect((await longnan.office.get(`/api/trainings/${tr.id}`)).statusCode).toBe(200);
    const list = (await wudu.office.get('/api/trainings')).json().items as { id: string }[];
    expect(list.some((x) => x.id === tr.id)).toBe(false);
  });

  test('a training that starts tomorrow is scheduled and takes no sign-in code', async ({ t, tanchang }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id], startsIn: 24 * 60 }));
    expect(tr.status).toBe('scheduled');
    expect((await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).statusCode).toBe(409);
  });

  test('the office marks attendance; an excused unit needs a reason', async ({ t, tanchang }) => {
    const [a, b] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: TANCHANG })];
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [a.id, b.id] }));
    expect((await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: b.id, status: 'excused' })).statusCode).toBe(400);
    const ok = await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: b.id, status: 'excused', reason: '下乡检查' });
    expect(ok.statusCode, ok.body).toBe(200);
    const marked = await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: a.id, status: 'attended', attendee: '张三', method: 'sheet' });
    expect(marked.json().attendance).toMatchObject({ status: 'attended', attendee: '张三', method: 'sheet' });
    const other = await t.unit({ areaCode: TANCHANG });
    expect((await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: other.id, status: 'attended' })).statusCode).toBe(404);
  });

  test('a mark sent again by the outbox with the same clientEventId records nothing new', async ({ t, tanchang }) => {
    const a = await t.unit({ areaCode: TANCHANG });
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [a.id] }));
    const clientEventId = uniq('evt-');
    const first = await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: a.id, status: 'attended', attendee: '张三', clientEventId });
    expect(first.statusCode).toBe(200);
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: a.id, status: 'absent' });
    const again = await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: a.id, status: 'attended', attendee: '张三', clientEventId });
    expect(again.statusCode).toBe(200);
    expect(await statusOf(tanchang.office, tr.id, a.id)).toBe('absent');
  });

  test('closing makes every invited unit absent; afterwards a change needs a reason', async ({ t, tanchang }) => {
    const [a, b] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: TANCHANG })];
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [a.id, b.id] }));
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: a.id, status: 'attended', attendee: '张三' });
    const closed = await tanchang.office.post(`/api/trainings/${tr.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().training).toMatchObject({ status: 'closed', counts: { attended: 1, absent: 1, invited: 0 } });
    expect((await tanchang.office.post(`/api/trainings/${tr.id}/close`)).statusCode).toBe(409);
    expect((await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: b.id, status: 'attended' })).statusCode).toBe(400);
    const corrected = await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: b.id, status: 'attended', attendee: '李四', reason: '签到表漏登' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await tanchang.office.patch(`/api/trainings/${tr.id}`, { venue: '别处' })).statusCode).toBe(409);
    const audit = (await tanchang.office.get(`/api/audit?action=training.attendance&pageSize=200`)).json();
    expect(JSON.stringify(audit)).toContain('签到表漏登');
  });
});

describe('moving a training', () => {
  const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

  test('before any attendance is recorded the dates move; other fields change too', async ({ t, tanchang }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    const body = trainingBody({ unitIds: [unit.id], startsIn: 24 * 60 });
    const tr = await createTraining(tanchang.office, body);
    const res = await tanchang.office.patch(`/api/trainings/${tr.id}`, { startsAt: later(body.startsAt, 60), endsAt: later(body.endsAt, 60), venue: '县电信局二楼' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().training).toMatchObject({ startsAt: later(body.startsAt, 60), venue: '县电信局二楼' });
  });

  test('once a unit\'s attendance is recorded the dates are refused with a 409 saying why, and nothing changes; the venue and trainer still change', async ({ t, tanchang }) => {
    const [a, b] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: TANCHANG })];
    const body = trainingBody({ unitIds: [a.id, b.id] });
    const tr = await createTraining(tanchang.office, body);
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: a.id, status: 'excused', reason: '下乡检查' });
    for (const move of [{ startsAt: later(body.startsAt, -60) }, { endsAt: later(body.endsAt, 24 * 60) }, { startsAt: later(body.startsAt, 30), endsAt: later(body.endsAt, 30), venue: '别处' }]) {
      const res = await tanchang.office.patch(`/api/trainings/${tr.id}`, move);
      expect(res.statusCode, res.body).toBe(409);
      expect(errorOf(res).code).toBe('CONFLICT');
      expect(errorOf(res).details).toEqual({ reason: 'dates_fixed' });
      expect(errorOf(res).message).toMatch(/已有单位的签到情况.*不能再改/);
    }
    const kept = (await tanchang.office.get(`/api/trainings/${tr.id}`)).json().training;
    expect(kept).toMatchObject({ startsAt: body.startsAt, endsAt: body.endsAt, venue: body.venue });
    // the same instants sent again move nothing: a form that sends every field still saves
    const edited = await tanchang.office.patch(`/api/trainings/${tr.id}`, { startsAt: body.startsAt, endsAt: body.endsAt, venue: '县电信局二楼', trainer: '市网信办专家' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().training).toMatchObject({ venue: '县电信局二楼', trainer: '市网信办专家', startsAt: body.startsAt });
  });

  test('a sign-in by code fixes the dates as an office mark does', async ({ t, tanchang }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    const body = trainingBody({ unitIds: [unit.id] });
    const tr = await createTraining(tanchang.office, body);
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const signed = await t.app.inject({ method: 'POST', url: `/api/trainings/${tr.id}/sign-in`, payload: { code, unitId: unit.id, attendee: '张三' }, remoteAddress: '203.0.113.40' });
    expect(signed.statusCode, signed.body).toBe(200);
    const res = await tanchang.office.patch(`/api/trainings/${tr.id}`, { endsAt: later(body.endsAt, 7 * 24 * 60) });
    expect(res.statusCode, res.body).toBe(409);
  });

  test('a closed training is not changed at all: a 409 that says it is closed', async ({ t, tanchang }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    const body = trainingBody({ unitIds: [unit.id] });
    const tr = await createTraining(tanchang.office, body);
    await tanchang.office.post(`/api/trainings/${tr.id}/close`);
    const res = await tanchang.office.patch(`/api/trainings/${tr.id}`, { endsAt: later(body.endsAt, 60) });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).details).toEqual({ reason: 'training_closed' });
    expect(errorOf(res).message).toMatch(/已结束/);
  });
});
