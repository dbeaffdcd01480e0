import { describe, expect, it } from 'vitest';
import { allowedSteps, applyStep, checkStep, deriveProgress, initialProgress, mayRecord } from '../../shared/domain/progress.js';

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`;

describe('deriving progress', () => {
  it('starts with every stage pending since the unit was created', () => {
    const p = initialProgress(at(1));
    expect(p.wiring).toEqual({ status: 'pending', since: at(1) });
    expect(p).toMatchObject({ onboarded: false, lastEventAt: null, postponements: 0, firstPostponedAt: null });
  });

  it('keeps `since` while the status stays the same', () => {
    const p = deriveProgress([
      { type: 'connection.started', occurredAt: at(3) },
      { type: 'connection.test_failed', occurredAt: at(5) },
    ]);
    expect(p.connection).toMatchObject({ status: 'in_progress', since: at(3) });
    expect(p.lastEventAt).toBe(at(5));
  });

  it('a second block keeps the first block time in `since` and the latest in `blockedAt`', () => {
    const p = deriveProgress([
      { type: 'wiring.postponed', occurredAt: at(2), data: { reason: '装修' } },
      { type: 'wiring.refused', occurredAt: at(6), data: { reason: '拒绝' } },
    ]);
    expect(p.wiring).toMatchObject({ status: 'blocked', since: at(2), blockedAt: at(6), blockedBy: 'refused', reason: '拒绝' });
  });

  it('lastEventAt is the latest occurredAt even when steps were synced out of order', () => {
    const p = deriveProgress([
      { type: 'wiring.started', occurredAt: at(9) },
      { type: 'wiring.completed', occurredAt: at(4) },
    ]);
    expect(p.lastEventAt).toBe(at(9));
  });

  it('counts postponements across stages and remembers the earliest', () => {
    const p = deriveProgress([
      { type: 'wiring.postponed', occurredAt: at(7), data: { reason: 'a' } },
      { type: 'wiring.completed', occurredAt: at(8) },
      { type: 'connection.postponed', occurredAt: at(3), data: { reason: 'b' } },
    ]);
    expect(p).toMatchObject({ postponements: 2, firstPostponedAt: at(3) });
  });

  it('applyStep does not change the progress it is given', () => {
    const p = initialProgress(at(1));
    const copy = structuredClone(p);
    applyStep(p, { type: 'wiring.completed', occurredAt: at(2) });
    expect(p).toEqual(copy);
  });
});

describe('who may record what', () => {
  it('technicians record wiring and connection steps only', () => {
    expect(mayRecord('technician', 'wiring.completed', false)).toBe(true);
    expect(mayRecord('technician', 'registration.submitted', false)).toBe(false);
    expect(mayRecord('technician', 'registration.verified', false)).toBe(false);
  });

  it('a unit contact submits the registration of its own unit only', () => {
    expect(mayRecord('unit', 'registration.submitted', true)).toBe(true);
    expect(mayRecord('unit', 'registration.submitted', false)).toBe(false);
    expect(mayRecord('unit', 'wiring.started', true)).toBe(false);
  });

  it('viewers record nothing; the office records everything', () => {
    expect(mayRecord('viewer', 'wiring.started', false)).toBe(false);
    expect(mayRecord('office', 'registration.verified', false)).toBe(true);
  });

  it('offers a technician the wiring steps of a fresh unit and nothing else', () => {
    expect(allowedSteps(initialProgress(), 'technician', false)).toEqual([
      'wiring.scheduled',
      'wiring.started',
      'wiring.completed',
      'wiring.refused',
      'wiring.postponed',
    ]);
  });

  it('offers the office verify and reject while a registration awaits review', () => {
    const p = deriveProgress([
      { type: 'wiring.completed', occurredAt: at(1) },
      { type: 'connection.completed', occurredAt: at(2) },
      { type: 'registration.submitted', occurredAt: at(3), data: {} },
    ]);
    expect(allowedSteps(p, 'office', false)).toEqual(['registration.verified', 'registration.rejected']);
    expect(checkStep(p, 'registration.submitted')?.code).toBe('already_awaiting_review');
  });
});
