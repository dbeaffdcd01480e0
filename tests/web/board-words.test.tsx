// @vitest-environment jsdom
// The laggard board's words (issue 27): an empty county says it has no units, a notice issued
// today is not yet "催办后无进展", and a unit that answered its notice shows it.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas/index.js';
import { LAGGARD_CATEGORIES } from '../../shared/domain/laggards.js';
import { EmptyBoard } from '../../web/src/features/reports/components/EmptyBoard.js';
import { UrgedCell, saysNoProgress } from '../../web/src/features/reports/components/UrgedCell.js';
import { fakeApi, office, renderAs } from './render.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const stages = { pending: 0, in_progress: 0, blocked: 0, done: 0 };
const summary = (totalUnits: number) => ({
  asOf: '2026-12-06', totalUnits, onboarded: 0, laggards: 0,
  byCategory: Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, 0])),
  stages: { wiring: stages, connection: stages, registration: stages },
  byKind: { township: 0, department: 0, other: 0 },
  awaitingReview: 0, oldestReviewDays: null,
});

describe('the laggard board', () => {
  it('says an empty county has no units, not that it has no laggards', async () => {
    fakeApi(({ url }) => (url === '/api/settings' ? { status: 200, body: DEFAULT_SETTINGS } : url.startsWith('/api/reports/summary') ? { status: 200, body: summary(0) } : undefined));
    await renderAs(office, <EmptyBoard area="621224" />);
    expect(await screen.findByText(/本地区还没有单位/)).toBeTruthy();
  });

  it('says "没有落后单位" where there are units and none behind', async () => {
    fakeApi(({ url }) => (url === '/api/settings' ? { status: 200, body: DEFAULT_SETTINGS } : url.startsWith('/api/reports/summary') ? { status: 200, body: summary(12) } : undefined));
    await renderAs(office, <EmptyBoard />);
    expect(await screen.findByText('没有落后单位。')).toBeTruthy();
  });

  it('does not say 催办后无进展 on the day of the notice, and shows an answer', async () => {
    expect(saysNoProgress({ count: 1, lastAt: 'x', stepSinceLast: false }, '2026-12-06', '2026-12-06')).toBe(false);
    expect(saysNoProgress({ count: 1, lastAt: 'x', stepSinceLast: false }, '2026-12-05', '2026-12-06')).toBe(true);
    fakeApi(({ url }) => (url === '/api/settings' ? { status: 200, body: DEFAULT_SETTINGS } : undefined));
    const lastAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await renderAs(office, <UrgedCell unitId="u1" notices={{ count: 1, lastAt, stepSinceLast: false, answeredAt: new Date().toISOString() }} />);
    expect(await screen.findByText(/已于 .* 答复/)).toBeTruthy();
    expect(screen.getByText('催办后无进展')).toBeTruthy();
  });
});
