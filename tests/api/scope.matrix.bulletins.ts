// The scope × route matrix's cases for issued bulletins (docs/contract/api.md "The record"): a
// bulletin belongs to the area it covers; a county's office issues and reads its own county's
// only, the city's reads both counties', a whole-installation office all.
import { expect } from 'vitest';
import { A, at, B, root } from './scope.matrix.kit.js';

const issue = async (agent: typeof root, area?: string) => {
  const res = await agent.post('/api/bulletins', area ? { area } : {});
  expect(res.statusCode, res.body).toBe(201);
  return res.json().bulletin as { id: string; area: string | null };
};
const ids = async (agent: typeof root) => ((await agent.get('/api/bulletins?pageSize=100')).json().items as { id: string }[]).map((b) => b.id);

export const BULLETIN_CASES: Record<string, () => Promise<void>> = {
  'POST /api/bulletins': async () => {
    expect((await issue(at.A.office)).area).toBe(A);
    expect((await at.A.office.post('/api/bulletins', { area: B })).statusCode).toBe(404);
    expect((await issue(at.city.office, B)).area).toBe(B);
    expect((await issue(root)).area).toBeNull();
  },
  'GET /api/bulletins': async () => {
    const [mine, theirs, whole] = [await issue(at.A.office), await issue(root, B), await issue(root)];
    const seen = await ids(at.A.viewer);
    expect([seen.includes(mine.id), seen.includes(theirs.id), seen.includes(whole.id)]).toEqual([true, false, false]);
    const city = await ids(at.city.viewer);
    expect([city.includes(mine.id), city.includes(theirs.id), city.includes(whole.id)]).toEqual([true, true, false]);
    expect((await at.A.viewer.get(`/api/bulletins?area=${B}`)).statusCode).toBe(404);
  },
  'GET /api/bulletins/:id': async () => {
    const [mine, theirs] = [await issue(at.A.office), await issue(root, B)];
    expect((await at.A.viewer.get(`/api/bulletins/${mine.id}`)).statusCode).toBe(200);
    expect((await at.A.viewer.get(`/api/bulletins/${theirs.id}`)).statusCode).toBe(404);
    expect((await at.city.office.get(`/api/bulletins/${theirs.id}`)).statusCode).toBe(200);
  },
};
