// The training flags on the laggard board (docs/contract/training.md): each flag's daysLate at its
// boundary, the category filter, and an onboarded unit still lagging on training.
import { describe, expect } from 'vitest';
import { addDays, dayOf, today } from '../../shared/domain/dates.js';
import type { Agent, TestApp } from '../helpers/app.js';
import { TANCHANG, test } from '../helpers/fixture.js';
import { createTraining } from '../helpers/training.js';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

async function flagsOf(agent: Agent, unitId: string, query = '') {
  const res = await agent.get(`/api/reports/laggards?area=${TANCHANG}&pageSize=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const item = (res.json().items as { unit: { id: string }; flags: { category: string; stage: string | null; daysLate: number }[] }[]).find((i) => i.unit.id === unitId);
  return item?.flags.filter((f) => f.stage === 'training') ?? [];
}

/** A closed training that ended `daysAgo` days ago (at 12:00 Shanghai time), the unit marked `status`. */
async function pastTraining(t: TestApp, office: Agent, unitId: string, daysAgo: number, status: 'attended' | 'absent', topics = ['security']) {
  const day = addDays(today(TZ), -daysAgo);
  const endsAt = new Date(`${day}T12:00:00+08:00`);
  const tr = await createTraining(office, {
    title: '保密培训', topics, organiser: '县电信局', trainer: '专家', venue: '会议室',
    startsAt: new Date(endsAt.getTime() - 3 * 3600_000).toISOString(), endsAt: endsAt.toISOString(), required: { unitIds: [unitId] },
  });
  expect((await office.post(`/api/trainings/${tr.id}/attendance`, { unitId, status, attendee: '甲', ...(status === 'absent' ? {} : {}) })).statusCode).toBe(200);
  expect((await office.post(`/api/trainings/${tr.id}/close`)).statusCode).toBe(200);
  expect(dayOf(endsAt, TZ)).toBe(day);
  return tr.id;
}

describe('training flags on the board', () => {
  test('no_backbone the day after backboneDue (daysLate 1), not on the day; naming a primary clears it', async ({ t, office, tanchang }) => {
    const unit = await t.unit({ areaCode: TANCHANG, registrationStatus: 'done', wiringStatus: 'done', connectionStatus: 'done', onboarded: true });
    expect((await office.put(`/api/settings?area=${TANCHANG}`, { backboneDue: addDays(today(TZ), -1) })).statusCode).toBe(200);
    expect(await flagsOf(tanchang.office, unit.id)).toEqual([{ category: 'no_backbone', stage: 'training', daysLate: 1 }]);
    expect(await flagsOf(tanchang.office, unit.id, '&category=no_backbone')).toHaveLength(1);
    // the unit's page says the same (the pure rules), onboarded as it is
    expect((await tanchang.office.get(`/api/units/${unit.id}`)).json().unit.laggard.flags).toEqual([{ category: 'no_backbone', stage: 'training', daysLate: 1 }]);
    expect(await flagsOf(tanchang.office, unit.id, '&category=training_absent')).toEqual([]);
    expect((await office.put(`/api/settings?area=${TANCHANG}`, { backboneDue: today(TZ) })).statusCode).toBe(200);
    expect(await flagsOf(tanchang.office, unit.id)).toEqual([]);
    await office.put(`/api/settings?area=${TANCHANG}`, { backboneDue: addDays(today(TZ), -1) });
    expect((await tanchang.office.post(`/api/units/${unit.id}/backbones`, { kind: 'primary', name: '李明' })).statusCode).toBe(201);
    expect(await flagsOf(tanchang.office, unit.id)).toEqual([]);
    await office.put(`/api/settings?area=${TANCHANG}`, {});
  });

  test('training_absent counts from the training\'s last day; attending a later one of the same topic clears it', async ({ t, tanchang }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    await pastTraining(t, tanchang.office, unit.id, 0, 'absent');
    expect(await flagsOf(tanchang.office, unit.id)).toEqual([]);
    const other = await t.unit({ areaCode: TANCHANG });
    await pastTraining(t, tanchang.office, other.id, 3, 'absent');
    expect(await flagsOf(tanchang.office, other.id)).toEqual([{ category: 'training_absent', stage: 'training', daysLate: 3 }]);
    await pastTraining(t, tanchang.office, other.id, 1, 'attended', ['network']);
    expect((await flagsOf(tanchang.office, other.id)).map((f) => f.category)).toContain('training_absent');
    await pastTraining(t, tanchang.office, other.id, 1, 'attended', ['security', 'network']);
    expect((await flagsOf(tanchang.office, other.id)).map((f) => f.category)).not.toContain('training_absent');
  });

  test('report_back_overdue the day after reportBackDays (daysLate 1), not on the due day; an accepted report-back clears it', async ({ t, office, tanchang }) => {
    const unit = await t.unit({ areaCode: TANCHANG });
    const id = await pastTraining(t, tanchang.office, unit.id, 5, 'attended');
    await office.put(`/api/settings?area=${TANCHANG}`, { reportBackDays: 4 });
    expect(await flagsOf(tanchang.office, unit.id)).toEqual([{ category: 'report_back_overdue', stage: 'training', daysLate: 1 }]);
    await office.put(`/api/settings?area=${TANCHANG}`, { reportBackDays: 5 });
    expect(await flagsOf(tanchang.office, unit.id)).toEqual([]);
    await office.put(`/api/settings?area=${TANCHANG}`, { reportBackDays: 2 });
    const rb = await tanchang.office.post(`/api/trainings/${id}/report-backs`, { unitId: unit.id, reportedOn: today(TZ), leader: '局长 李某', form: 'meeting', colleaguesReached: 5, summary: '已汇报' });
    expect(rb.statusCode, rb.body).toBe(201);
    expect((await flagsOf(tanchang.office, unit.id))[0]).toMatchObject({ category: 'report_back_overdue', daysLate: 3 });
    await tanchang.office.post(`/api/report-backs/${rb.json().reportBack.id}/review`, { decision: 'accepted' });
    expect(await flagsOf(tanchang.office, unit.id)).toEqual([]);
    const summary = (await tanchang.office.get(`/api/reports/summary`)).json();
    expect(summary.byCategory).toHaveProperty('report_back_overdue');
    await office.put(`/api/settings?area=${TANCHANG}`, {});
    void DAY;
  });
});
