// Kill -9 the server in the middle of a write load, start it again on the same data: every
// step acknowledged with 201 is there, and stored progress equals what the steps derive.
import { afterAll, describe, expect, it } from 'vitest';
import { deriveProgress } from '../../shared/domain/progress.js';
import { freshStore, httpAs, spawnServer, type ServerProcess, type Store } from '../helpers/server-process.js';

let store: Store | undefined;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill();
  await store?.drop();
});

// steps always allowed while wiring is not done, so the load never runs out of valid writes
const CYCLE = [
  { type: 'wiring.scheduled', data: { plannedDate: '2026-12-01' } },
  { type: 'wiring.started' },
  { type: 'wiring.postponed', data: { reason: '装修' } },
];

describe('a crash mid-load', () => {
  it('loses no acknowledged step and leaves progress consistent', { timeout: 300_000 }, async () => {
    store = await freshStore();
    server = await spawnServer(store);
    const api = await httpAs(server.url);
    const unitIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await api.post('/api/units', { code: `CRASH-${i}`, name: `单位${i}`, kind: 'department' });
      unitIds.push(res.body.unit.id);
    }

    const acknowledged: { unitId: string; id: string }[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const unitId = unitIds[(w + n) % unitIds.length];
        try {
          const res = await api.post(`/api/units/${unitId}/events`, CYCLE[n % CYCLE.length]);
          if (res.status === 201) acknowledged.push({ unitId, id: res.body.event.id });
        } catch {
          return; // the server is gone
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    // kill once the load is well under way, however fast this machine is today
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    stop = true;
    await load;
    expect(acknowledged.length).toBeGreaterThan(20);

    server = await spawnServer(store);
    const after = await httpAs(server.url);
    for (const unitId of unitIds) {
      const history = (await after.get(`/api/units/${unitId}/events?pageSize=500`)).body.items as { id: string; voided: boolean; type: string; occurredAt: string }[];
      const recorded = new Set(history.map((s) => s.id));
      for (const ack of acknowledged.filter((a) => a.unitId === unitId)) expect(recorded.has(ack.id), ack.id).toBe(true);
      const { unit } = (await after.get(`/api/units/${unitId}`)).body;
      expect(unit.progress).toEqual(deriveProgress(history.filter((s) => !s.voided) as never, unit.createdAt));
    }
  });
});
