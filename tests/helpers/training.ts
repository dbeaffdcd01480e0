// Helpers for the training tests: a training body starting around now, and its units.
import { expect } from 'vitest';
import type { Agent } from './app.js';

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** A training body: by default running now (started 10 minutes ago, two hours long). */
export function trainingBody(over: { unitIds?: string[]; kinds?: string[]; startsIn?: number; lasts?: number; topics?: string[] } = {}) {
  const start = over.startsIn ?? -10;
  return {
    title: '政务专网与办公自动化培训',
    topics: over.topics ?? ['network', 'security'],
    organiser: '县电信局',
    trainer: '省通信管理局专家',
    venue: '县政府三楼会议室',
    startsAt: minutes(start),
    endsAt: minutes(start + (over.lasts ?? 120)),
    required: { ...(over.unitIds ? { unitIds: over.unitIds } : {}), ...(over.kinds ? { kinds: over.kinds } : {}) },
  };
}

export async function createTraining(office: Agent, body: ReturnType<typeof trainingBody>) {
  const res = await office.post('/api/trainings', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().training as { id: string; status: string; counts: Record<string, number> };
}

export async function rosterOf(agent: Agent, id: string) {
  const res = await agent.get(`/api/trainings/${id}/roster`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { unit: { id: string }; attendance: { status: string; attendee?: string; method?: string; reason?: string }; reportBack?: { status: string | null; dueOn: string; id?: string } }[];
}

export const statusOf = async (agent: Agent, trainingId: string, unitId: string) => (await rosterOf(agent, trainingId)).find((r) => r.unit.id === unitId)?.attendance.status;
