// The scope × route cases of the training routes (merged into scope.matrix.cases.ts): a training
// belongs to the area of the office that made it; a county office's in A, another's in B, the
// whole installation's in no county.
import { today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { expect } from 'vitest';
import { uniq, type Agent } from '../helpers/app.js';
import { trainingBody } from '../helpers/training.js';
import { A, areaRefused, at, B, both, byId, listing, plain, root, t, textOf, thing, type Place, type Seeded } from './scope.matrix.kit.js';

let officeOfB: Agent | undefined;
const officeAt = async (p: Place) => (p === A ? at.A.office : p === B ? (officeOfB ??= await t.as('office', { scope: B })) : root);

/** A training running now, made by the office of `p`, enrolling p's seeded unit. */
async function trainingAt(p: Place, title = '培训') {
  const res = await (await officeAt(p)).post('/api/trainings', { ...trainingBody({ unitIds: [thing(p).unit.id] }), title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().training.id as string;
}
async function attendedAt(p: Place) {
  const id = await trainingAt(p);
  expect((await root.post(`/api/trainings/${id}/attendance`, { unitId: thing(p).unit.id, status: 'attended', attendee: '甲' })).statusCode).toBe(200);
  return id;
}
const reportBody = (p: Place) => ({ unitId: thing(p).unit.id, reportedOn: today(DEFAULT_SETTINGS.timezone), leader: '局长', form: 'meeting', colleaguesReached: 3, summary: '已汇报' });

const titles = new Map<Seeded, string>();
async function listed() {
  for (const p of [A, B, null] as Place[]) {
    const title = `培训${uniq()}`;
    await trainingAt(p, title);
    titles.set(thing(p), title);
  }
}

export const TRAINING_CASES: Record<string, () => Promise<void>> = {
  'GET /api/units/:id/backbones': byId('GET /api/units/:id/backbones', (p) => thing(p).unit.id),
  'POST /api/units/:id/backbones': byId('POST /api/units/:id/backbones', (p) => thing(p).unit.id, () => ({ kind: 'deputy', name: '骨干' })),
  'POST /api/trainings': async () => {
    const outside = await at.A.office.post('/api/trainings', trainingBody({ unitIds: [thing(B).unit.id] }));
    expect(outside.statusCode, 'a county office enrols another county\'s unit').toBe(400);
    const own = await at.A.office.post('/api/trainings', trainingBody({ unitIds: [thing(A).unit.id] }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().training.areaCode).toBe(A);
  },
  'GET /api/trainings': async () => {
    await listed();
    await listing('GET /api/trainings', (s) => titles.get(s)!)();
  },
  'GET /api/trainings/:id': byId('GET /api/trainings/:id', (p) => trainingAt(p)),
  'PATCH /api/trainings/:id': byId('PATCH /api/trainings/:id', (p) => trainingAt(p), () => ({ venue: '二楼' })),
  'GET /api/trainings/:id/roster': byId('GET /api/trainings/:id/roster', (p) => trainingAt(p)),
  'GET /api/trainings/:id/sign-in-code': byId('GET /api/trainings/:id/sign-in-code', (p) => trainingAt(p)),
  'POST /api/trainings/:id/attendance': byId('POST /api/trainings/:id/attendance', (p) => trainingAt(p), (p) => ({ unitId: thing(p).unit.id, status: 'attended', attendee: '甲' })),
  'POST /api/trainings/:id/close': byId('POST /api/trainings/:id/close', (p) => trainingAt(p)),
  'POST /api/trainings/:id/report-backs': byId('POST /api/trainings/:id/report-backs', (p) => attendedAt(p), reportBody),
  'POST /api/report-backs/:id/review': byId(
    'POST /api/report-backs/:id/review',
    async (p) => {
      const id = await attendedAt(p);
      const res = await root.post(`/api/trainings/${id}/report-backs`, reportBody(p));
      expect(res.statusCode, res.body).toBe(201);
      return res.json().reportBack.id as string;
    },
    () => ({ decision: 'accepted' }),
  ),
  // public: anyone in the hall, whatever their scope
  'GET /api/trainings/:id/sign-in': plain('GET /api/trainings/:id/sign-in', async (agent) => agent.get(`/api/trainings/${await trainingAt(A)}/sign-in`)),
  'POST /api/trainings/:id/sign-in': plain('POST /api/trainings/:id/sign-in', async (agent) => {
    const id = await trainingAt(A);
    const { code } = (await at.A.office.get(`/api/trainings/${id}/sign-in-code`)).json();
    return agent.post(`/api/trainings/${id}/sign-in`, { code, unitId: thing(A).unit.id, attendee: '甲' });
  }),
  'GET /api/reports/training': both(areaRefused('GET /api/reports/training'), async () => {
    for (const role of ['office', 'viewer'] as const) {
      const county = (await at.A[role].get('/api/reports/training')).body;
      expect([county.includes('宕昌县'), county.includes('武都区')], `the county ${role} sees A only`).toEqual([true, false]);
      const city = (await at.city[role].get('/api/reports/training')).body;
      expect([city.includes('宕昌县'), city.includes('武都区')], `the city ${role} sees A and B`).toEqual([true, true]);
    }
  }),
  // the same numbers as files: a county's only its own, a city's its counties
  ...Object.fromEntries(
    (['GET /api/reports/training.csv', 'GET /api/reports/training.xlsx'] as const).map((k) => [
      k,
      both(areaRefused(k), async () => {
        const path = k.split(' ')[1];
        for (const role of ['office', 'viewer'] as const) {
          const county = await at.A[role].get(path);
          expect(county.statusCode, county.body.slice(0, 300)).toBe(200);
          const countyText = await textOf(county);
          expect([countyText.includes('宕昌县'), countyText.includes('武都区')], `${k}: the county ${role} sees A only`).toEqual([true, false]);
          const city = await textOf(await at.city[role].get(path));
          expect([city.includes('宕昌县'), city.includes('武都区')], `${k}: the city ${role} sees A and B`).toEqual([true, true]);
        }
      }),
    ]),
  ),
};
