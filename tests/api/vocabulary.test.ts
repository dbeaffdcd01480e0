// One vocabulary (issue 27): the units export says a stage's state as the screen does (拒绝布线,
// 已推迟, 待审核, 申报被退回, never the bare 受阻), a share is written one way, and the roll-up
// does not show 申报完成 beside the always-equal 已接入申报.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { STAGE_STATUSES } from '../../shared/domain/steps.js';
import { STAGE_WORDS, percentText, stageWord } from '../../shared/domain/vocabulary.js';
import { zh } from '../../web/src/i18n/zh.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
const { record, unitIn } = reportsKit(() => ({ t, office }));

describe('the units export', () => {
  it('says each stage\'s state in the words of the unit\'s page', async () => {
    const area = uniq('V');
    const refused = await unitIn(area, { code: `${area}-1`, name: '拒绝单位', kind: 'township' });
    await record(refused.id, 'wiring.refused', -2);
    const postponed = await unitIn(area, { code: `${area}-2`, name: '推迟单位', kind: 'township' });
    await record(postponed.id, 'wiring.postponed', -2);
    const res = await office.get(`/api/units.csv?parentCode=${area}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows: Record<string, string>[] = parse(res.rawPayload, { bom: true, columns: true });
    const wiring = Object.fromEntries(rows.map((r) => [r['名称'], r['布线']]));
    expect(wiring).toEqual({ 拒绝单位: '拒绝布线', 推迟单位: '已推迟' });
    expect(res.rawPayload.toString('utf8')).not.toContain('受阻');
  });

  it('has no 申报完成 column in the roll-up file: it is 已接入申报 said twice', async () => {
    const res = await office.get('/api/reports/areas.csv');
    expect(res.statusCode, res.body).toBe(200);
    const header = res.rawPayload.toString('utf8').split('\n')[0];
    expect(header).toContain('已完成接入申报');
    expect(header).not.toContain('申报完成');
  });
});

describe('the one vocabulary', () => {
  it('names every state one way, and the dashboard\'s words are the table\'s', () => {
    expect(stageWord({ status: 'in_progress', awaitingReview: true })).toBe('awaiting_review');
    expect(stageWord({ status: 'blocked', blockedBy: 'rejected' })).toBe('rejected');
    for (const s of STAGE_STATUSES) expect(zh.status[s]).toBe(STAGE_WORDS[s].zh);
    expect(zh.stageWord).toEqual(Object.fromEntries(Object.entries(STAGE_WORDS).map(([k, v]) => [k, v.zh])));
    expect(zh.stageNote.rejected).toBe('申报被退回');
  });

  it('writes a share with one decimal, always', () => {
    expect(percentText(1, 3)).toBe('33.3%');
    expect(percentText(32, 100)).toBe('32.0%');
    expect(percentText(1, 1)).toBe('100.0%');
    expect(percentText(0, 0)).toBe('—');
  });
});
