// Report-backs (docs/contract/training.md "Reporting back"): only a unit that attended; the unit's
// contact or the office records it; the office accepts or returns it with a reason; a returned
// one is submitted again; the due date is reportBackDays after the training's last day.
import { describe, expect } from 'vitest';
import { TANCHANG, test } from '../helpers/fixture.js';
import { createTraining, rosterOf, trainingBody } from '../helpers/training.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';

const body = (unitId: string, over: object = {}) => ({ unitId, reportedOn: today(DEFAULT_SETTINGS.timezone), leader: '分管副局长 张某', form: 'meeting', colleaguesReached: 12, summary: '向局党组汇报了政务专网接入和保密要求。', ...over });

describe('report-backs', () => {
  test('only a unit that attended reports back; the summary is at most 2,000 characters', async ({ t, tanchang, tanchangContact }) => {
    const unitId = tanchangContact.user.unitId!;
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unitId] }));
    expect((await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId))).statusCode).toBe(409);
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId, status: 'attended', attendee: '王五' });
    expect((await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId, { summary: '字'.repeat(2001) }))).statusCode).toBe(400);
    const ok = await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId, { summary: '字'.repeat(2000) }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().reportBack).toMatchObject({ status: 'submitted', form: 'meeting', colleaguesReached: 12 });
    const other = await t.as('unit');
    expect((await other.post(`/api/trainings/${tr.id}/report-backs`, body(unitId))).statusCode).toBe(404);
  });

  test('returned with a reason, submitted again, then accepted; an accepted one is final', async ({ tanchang, tanchangContact }) => {
    const unitId = tanchangContact.user.unitId!;
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unitId] }));
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId, status: 'attended', attendee: '王五' });
    const rb = (await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId))).json().reportBack;
    expect((await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId))).statusCode).toBe(409);
    expect((await tanchang.office.post(`/api/report-backs/${rb.id}/review`, { decision: 'returned' })).statusCode).toBe(400);
    const returned = await tanchang.office.post(`/api/report-backs/${rb.id}/review`, { decision: 'returned', reason: '未写明向哪位领导汇报' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().reportBack).toMatchObject({ status: 'returned', returnReason: '未写明向哪位领导汇报' });
    expect((await tanchangContact.post(`/api/report-backs/${rb.id}/review`, { decision: 'accepted' })).statusCode).toBe(403);
    const again = await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId, { leader: '局长 李某' }));
    expect(again.statusCode, again.body).toBe(201);
    const accepted = await tanchang.office.post(`/api/report-backs/${rb.id}/review`, { decision: 'accepted' });
    expect(accepted.json().reportBack.status).toBe('accepted');
    expect((await tanchang.office.post(`/api/report-backs/${rb.id}/review`, { decision: 'returned', reason: 'x' })).statusCode).toBe(409);
    expect((await rosterOf(tanchang.office, tr.id))[0]!.reportBack).toMatchObject({ status: 'accepted' });
  });

  test('due reportBackDays after the training\'s last day, the area\'s own value winning', async ({ t, tanchang, office }) => {
    expect((await office.put(`/api/settings?area=${TANCHANG}`, { reportBackDays: 5 })).statusCode).toBe(200);
    const unit = await t.unit({ areaCode: TANCHANG });
    const b = trainingBody({ unitIds: [unit.id] });
    const tr = await createTraining(tanchang.office, b);
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId: unit.id, status: 'attended', attendee: '王五' });
    const lastDay = new Date(Date.parse(b.endsAt) + 8 * 3600_000).toISOString().slice(0, 10);
    const due = new Date(Date.parse(lastDay) + 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await rosterOf(tanchang.office, tr.id))[0]!.reportBack).toEqual({ status: null, dueOn: due });
    await office.put(`/api/settings?area=${TANCHANG}`, {});
  });

  test('the day reported on lies between the training\'s first day and today', async ({ tanchang, tanchangContact }) => {
    const unitId = tanchangContact.user.unitId!;
    const tr = await createTraining(tanchang.office, trainingBody({ unitIds: [unitId], startsIn: -3 * 24 * 60 }));
    await tanchang.office.post(`/api/trainings/${tr.id}/attendance`, { unitId, status: 'attended', attendee: '王五' });
    const now = today(DEFAULT_SETTINGS.timezone);
    for (const reportedOn of ['2020-01-01', addDays(now, -5), addDays(now, 1), '2099-01-01']) {
      const res = await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId, { reportedOn }));
      expect(res.statusCode, reportedOn).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'body.reportedOn' });
      expect(res.json().error.details[0].message).toMatch(/汇报日期/);
    }
    expect((await tanchangContact.post(`/api/trainings/${tr.id}/report-backs`, body(unitId, { reportedOn: addDays(now, -3) }))).statusCode).toBe(201);
  });
});
