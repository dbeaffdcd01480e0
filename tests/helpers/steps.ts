// Bringing a unit to a known point of its journey through the office's own API calls.
import { expect } from 'vitest';
import type { Agent } from './app.js';

export type Point = 'fresh' | 'wired' | 'connected' | 'submitted' | 'verified';

const PATH: Record<Point, { type: string; data?: Record<string, string> }[]> = {
  fresh: [],
  wired: [{ type: 'wiring.completed' }],
  connected: [{ type: 'wiring.completed' }, { type: 'connection.completed' }],
  submitted: [{ type: 'wiring.completed' }, { type: 'connection.completed' }, { type: 'registration.submitted', data: { platformRef: 'SQ-1' } }],
  verified: [
    { type: 'wiring.completed' },
    { type: 'connection.completed' },
    { type: 'registration.submitted', data: { platformRef: 'SQ-1' } },
    { type: 'registration.verified' },
  ],
};

export async function bringTo(office: Agent, unitId: string, point: Point): Promise<void> {
  for (const step of PATH[point]) {
    const res = await office.post(`/api/units/${unitId}/events`, step);
    expect(res.statusCode, res.body).toBe(201);
  }
}

/** The smallest valid body of each step type. */
export const BODIES: Record<string, { type: string; note?: string; data?: Record<string, string> }> = {
  'wiring.scheduled': { type: 'wiring.scheduled', data: { plannedDate: '2026-12-01' } },
  'wiring.started': { type: 'wiring.started' },
  'wiring.completed': { type: 'wiring.completed' },
  'wiring.refused': { type: 'wiring.refused', data: { reason: '领导不在，不让进办公室' } },
  'wiring.postponed': { type: 'wiring.postponed', data: { reason: '办公室装修' } },
  'connection.scheduled': { type: 'connection.scheduled', data: { plannedDate: '2026-12-05' } },
  'connection.started': { type: 'connection.started' },
  'connection.test_failed': { type: 'connection.test_failed', note: '光衰过大' },
  'connection.completed': { type: 'connection.completed', data: { circuitId: 'ZW-0001' } },
  'connection.postponed': { type: 'connection.postponed', data: { reason: '年底事务多' } },
  'registration.submitted': { type: 'registration.submitted', data: { platformRef: 'SQ-2026-001' } },
  'registration.verified': { type: 'registration.verified' },
  'registration.rejected': { type: 'registration.rejected', data: { reason: '申报材料不全' } },
};
