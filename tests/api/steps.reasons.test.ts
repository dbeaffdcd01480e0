// Why a unit refused or postponed: the free text may be left out when a telling category is
// chosen, and the step still carries the contract's `reason` (the category's words).
import { describe, expect } from 'vitest';
import { REASON_CODES, REASON_LABELS } from '../../shared/domain/steps.js';
import { zh } from '../../web/src/i18n/zh.js';
import { en } from '../../web/src/i18n/en.js';
import { errorOf } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { bringTo } from '../helpers/steps.js';

describe('the reason of a refusal or postponement', () => {
  test.for(['wiring.postponed', 'wiring.refused', 'connection.postponed'])('%s with only a category is recorded, its reason the category’s words', async (type, { t, office, technician }) => {
    const unit = await t.unit();
    if (type.startsWith('connection')) await bringTo(office, unit.id, 'wired');
    const res = await technician.post(`/api/units/${unit.id}/events`, { type, data: { reasonCode: 'busy_period' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().event.data).toMatchObject({ reasonCode: 'busy_period', reason: '工作繁忙' });
    const stage = type.split('.')[0] as 'wiring' | 'connection';
    expect(res.json().progress[stage]).toMatchObject({ status: 'blocked', reason: '工作繁忙', reasonCode: 'busy_period' });
    const stored = (await office.get(`/api/units/${unit.id}/events`)).json().items.at(-1);
    expect(stored).toMatchObject({ type, data: { reason: '工作繁忙' } });
  });

  test('keeps the text when both are given', async ({ t, technician }) => {
    const unit = await t.unit();
    const res = await technician.post(`/api/units/${unit.id}/events`, { type: 'wiring.postponed', data: { reasonCode: 'leader_absent', reason: '书记去省里开会' } });
    expect(res.json().event.data).toMatchObject({ reasonCode: 'leader_absent', reason: '书记去省里开会' });
  });

  test.for([
    ['neither text nor category', {}],
    ['only “other”', { reasonCode: 'other' }],
    ['an empty text', { reason: '' }],
  ])('is still required with %s (400 naming data.reason)', async ([_name, data], { t, technician }) => {
    const unit = await t.unit();
    const res = await technician.post(`/api/units/${unit.id}/events`, { type: 'wiring.postponed', data });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'data.reason' })]));
  });

  test('a rejected registration still needs its text (no category there)', async ({ t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, 'submitted');
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'registration.rejected', data: { reasonCode: 'busy_period' } });
    expect(res.statusCode).toBe(400);
  });

  test('the categories’ words are the dashboard’s', () => {
    for (const code of REASON_CODES) {
      expect(zh.reason[code]).toBe(REASON_LABELS[code].zh);
      expect(en.reason[code]).toBe(REASON_LABELS[code].en);
    }
  });
});
