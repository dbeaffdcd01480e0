// Sign-in by code (docs/contract/training.md): only inside the window, a wrong code refused before
// anything is said about the units, the same unit twice keeps the first, a unit's contact signs in
// with the code alone, and an address giving wrong codes is limited (429).
import { describe, expect } from 'vitest';
import { errorOf } from '../helpers/app.js';
import { TANCHANG, test } from '../helpers/fixture.js';
import { createTraining, rosterOf, trainingBody } from '../helpers/training.js';
import { forgetFailures } from '../../server/features/training/training.codes.js';
import type { TestApp } from '../helpers/app.js';

const signIn = (t: TestApp, id: string, body: object, ip = '203.0.113.5', cookie?: string) =>
  t.app.inject({ method: 'POST', url: `/api/trainings/${id}/sign-in`, payload: body, remoteAddress: ip, headers: cookie ? { cookie } : {} });

describe('sign-in by code', () => {
  test('a participant signs in with the shown code and no account; the same unit twice keeps the first', async ({ t, tanchang }) => {
    forgetFailures();
    const unit = await t.unit({ areaCode: TANCHANG });
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id] }));
    const shown = await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`);
    expect(shown.statusCode, shown.body).toBe(200);
    const { code, url, expiresAt } = shown.json();
    expect(code).toMatch(/^\d{6}$/);
    expect(url).toContain(`/sign-in/${tr.id}?code=${code}`);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    const page = await t.anonymous.get(`/api/trainings/${tr.id}/sign-in`);
    expect(page.json().units).toEqual([{ id: unit.id, name: unit.name }]);
    const first = await signIn(t, tr.id, { code, unitId: unit.id, attendee: '张三' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().attendance).toMatchObject({ status: 'attended', attendee: '张三', method: 'code' });
    const second = await signIn(t, tr.id, { code, unitId: unit.id, attendee: '李四' });
    expect(second.json().attendance.attendee).toBe('张三');
    expect((await rosterOf(tanchang.office, tr.id))[0]!.attendance).toMatchObject({ status: 'attended', attendee: '张三' });
  });

  test('a wrong code is a 400 that says nothing about the units; a unit not enrolled, with the right code, is a 404', async ({ t, tanchang }) => {
    forgetFailures();
    const [unit, stranger] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: TANCHANG })];
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id] }));
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const a = await signIn(t, tr.id, { code: wrong, unitId: unit.id, attendee: '张三' }, '203.0.113.6');
    const b = await signIn(t, tr.id, { code: wrong, unitId: stranger.id, attendee: '张三' }, '203.0.113.6');
    expect([a.statusCode, b.statusCode]).toEqual([400, 400]);
    expect(a.body).toBe(b.body);
    expect((await signIn(t, tr.id, { code, unitId: stranger.id, attendee: '张三' }, '203.0.113.6')).statusCode).toBe(404);
    expect((await rosterOf(tanchang.office, tr.id))[0]!.attendance.status).toBe('invited');
  });

  test('outside the window (before it opens, after closing) sign-in is a 409', async ({ t, tanchang }) => {
    forgetFailures();
    const unit = await t.unit({ areaCode: TANCHANG });
    const later = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id], startsIn: 31 }));
    expect((await signIn(t, later.id, { code: '123456', unitId: unit.id, attendee: '张三' })).statusCode).toBe(409);
    expect((await t.anonymous.get(`/api/trainings/${later.id}/sign-in`)).statusCode).toBe(409);
    const soon = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id], startsIn: 29 }));
    const { code } = (await tanchang.office.get(`/api/trainings/${soon.id}/sign-in-code`)).json();
    await tanchang.office.post(`/api/trainings/${soon.id}/close`);
    expect((await signIn(t, soon.id, { code, unitId: unit.id, attendee: '张三' })).statusCode).toBe(409);
  });

  test('a unit\'s contact signs its own unit in with the code alone', async ({ t, tanchang, tanchangContact }) => {
    forgetFailures();
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [tanchangContact.user.unitId!] }));
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const res = await signIn(t, tr.id, { code }, '203.0.113.7', tanchangContact.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attendance).toMatchObject({ status: 'attended', method: 'contact', attendee: tanchangContact.user.displayName });
  });

  test('ten wrong codes from one address, and the eleventh try is a 429 even with the right code; another address still signs in', async ({ t, tanchang }) => {
    forgetFailures();
    const [a, b] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: TANCHANG })];
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [a.id, b.id] }));
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 10; i++) expect((await signIn(t, tr.id, { code: wrong, unitId: a.id, attendee: '甲' }, '198.51.100.9')).statusCode).toBe(400);
    const limited = await signIn(t, tr.id, { code, unitId: a.id, attendee: '甲' }, '198.51.100.9');
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect((await signIn(t, tr.id, { code, unitId: b.id, attendee: '乙' }, '198.51.100.10')).statusCode).toBe(200);
  });
});

describe('sign-in by code never overwrites the office\'s mark', () => {
  for (const mark of [{ status: 'excused', reason: '下乡检查' }, { status: 'absent' }] as const) {
    test(`a unit the office marked ${mark.status}: an anonymous code sign-in is a 409 that says only that the office recorded it, and the mark stays`, async ({ t, tanchang }) => {
      forgetFailures();
      const unit = await t.unit({ areaCode: TANCHANG });
      const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id] }));
      expect((await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: unit.id, ...mark })).statusCode).toBe(200);
      const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
      const res = await signIn(t, tr.id, { code, unitId: unit.id, attendee: '张三' }, '203.0.113.20');
      expect(res.statusCode, res.body).toBe(409);
      const error = errorOf(res);
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/已由.*登记/);
      expect(error.details).toEqual({ reason: 'attendance_recorded' });
      // nothing of the mark itself (which status, its reason, who made it) reaches the caller
      expect(res.body).not.toContain(mark.status);
      expect(res.body).not.toContain('下乡检查');
      expect((await rosterOf(tanchang.office, tr.id))[0]!.attendance).toMatchObject({ ...mark, method: 'office' });
    });
  }

  test('a unit\'s contact\'s one-tap sign-in is refused the same way for a unit the office marked excused', async ({ t, tanchang, tanchangContact }) => {
    forgetFailures();
    const unitId = tanchangContact.user.unitId!;
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unitId] }));
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId, status: 'excused', reason: '下乡检查' });
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const res = await signIn(t, tr.id, { code }, '203.0.113.21', tanchangContact.cookie);
    expect(res.statusCode, res.body).toBe(409);
    expect(errorOf(res).details).toEqual({ reason: 'attendance_recorded' });
    expect((await rosterOf(tanchang.office, tr.id))[0]!.attendance).toMatchObject({ status: 'excused', reason: '下乡检查' });
  });

  test('a unit the office marked attended keeps the office\'s mark, and the answer names no office person', async ({ t, tanchang }) => {
    forgetFailures();
    const unit = await t.unit({ areaCode: TANCHANG });
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id] }));
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: unit.id, status: 'attended', attendee: '王五', method: 'sheet' });
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const res = await signIn(t, tr.id, { code, unitId: unit.id, attendee: '张三' }, '203.0.113.22');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attendance).toMatchObject({ status: 'attended', attendee: '王五', by: null, reason: null });
    expect((await rosterOf(tanchang.office, tr.id))[0]!.attendance).toMatchObject({ status: 'attended', attendee: '王五', method: 'sheet' });
  });
});

describe('the wrong-code limit', () => {
  test('the 429 says in Chinese that too many wrong codes came from here and how long to wait', async ({ t, tanchang }) => {
    forgetFailures();
    const unit = await t.unit({ areaCode: TANCHANG });
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id] }));
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const wrong = String((Number(code) + 3) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 10; i++) await signIn(t, tr.id, { code: wrong, unitId: unit.id, attendee: '甲' }, '198.51.100.30');
    const limited = await signIn(t, tr.id, { code: wrong, unitId: unit.id, attendee: '甲' }, '198.51.100.30');
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).message).toMatch(/签到码错误次数过多.*\d+ 分钟后再试/);
    expect(errorOf(limited).details).toEqual({ retryAfter: expect.any(Number) });
  });

  test('an IPv6 caller is counted by its /64 network: hopping addresses inside it does not reset the count; another network is not blocked', async ({ t, tanchang }) => {
    forgetFailures();
    const [a, b] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: TANCHANG })];
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [a.id, b.id] }));
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    const wrong = String((Number(code) + 5) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= 10; i++) expect((await signIn(t, tr.id, { code: wrong, unitId: a.id, attendee: '甲' }, `2001:db8:7:1::${i.toString(16)}`)).statusCode).toBe(400);
    expect((await signIn(t, tr.id, { code, unitId: a.id, attendee: '甲' }, '2001:db8:7:1:ffff:1:2:3')).statusCode).toBe(429);
    expect((await signIn(t, tr.id, { code, unitId: b.id, attendee: '乙' }, '2001:db8:7:2::1')).statusCode).toBe(200);
  });
});

describe('an office\'s mark never overwrites a sign-in made while it waited (offline)', () => {
  test('a mark of absent made on an invited row, sent after the unit signed in, is a 409 and the sign-in stays; sent again as seen, it applies', async ({ t, tanchang }) => {
    forgetFailures();
    const unit = await t.unit({ areaCode: TANCHANG });
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unit.id] }));
    const { code } = (await tanchang.office.get(`/api/trainings/${tr.id}/sign-in-code`)).json();
    expect((await signIn(t, tr.id, { code, unitId: unit.id, attendee: '张三' }, '203.0.113.30')).statusCode).toBe(200);
    // the mark the office made offline, before the sign-in: it saw the row invited
    const late = await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: unit.id, status: 'absent', expectedStatus: 'invited', clientEventId: 'offline-mark-1' });
    expect(late.statusCode, late.body).toBe(409);
    expect(errorOf(late).details).toEqual({ reason: 'attendance_changed', status: 'attended' });
    expect(errorOf(late).message).toMatch(/已有变化/);
    expect((await rosterOf(tanchang.office, tr.id))[0]!.attendance).toMatchObject({ status: 'attended', attendee: '张三' });
    // the same status as now is no conflict; a mark made on the row as it is now applies
    expect((await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: unit.id, status: 'attended', expectedStatus: 'invited' })).statusCode).toBe(200);
    const seen = await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: unit.id, status: 'absent', expectedStatus: 'attended', clientEventId: 'offline-mark-1' });
    expect(seen.statusCode, seen.body).toBe(200);
    expect((await rosterOf(tanchang.office, tr.id))[0]!.attendance.status).toBe('absent');
  });
});
