// @vitest-environment jsdom
// The office's roster: undoing a unit's 已签到 by marking it 缺席 asks first, in a dialog saying
// what will change; cancelling sends nothing. Other marks of an invited unit go at once.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RosterItem, Training } from '../../shared/schemas/training.js';
import { TrainingPage } from '../../web/src/features/training/components/TrainingPage.js';
import { fakeApi, office, renderAs } from './render.js';

const TRAINING_ID = '11111111-1111-4111-8111-111111111111';
const training: Training = {
  id: TRAINING_ID,
  title: '政务专网培训',
  topics: ['network'],
  organiser: '县电信局',
  trainer: null,
  venue: '县政府三楼会议室',
  startsAt: '2026-12-06T01:00:00.000Z',
  endsAt: '2026-12-06T03:00:00.000Z',
  areaCode: '621223',
  status: 'open',
  counts: { enrolled: 2, attended: 1, absent: 0, excused: 0, invited: 1, reportedBack: 0 },
};
const attended: RosterItem = {
  unit: { id: '22222222-2222-4222-8222-222222222222', code: 'U001', name: '城关镇', kind: 'township' },
  attendance: { status: 'attended', attendee: '张三', method: 'code', at: '2026-12-06T01:05:00.000Z', by: '张三', reason: null },
  reportBack: { status: null, dueOn: '2026-12-16' },
};
const invited: RosterItem = {
  unit: { id: '33333333-3333-4333-8333-333333333333', code: 'U002', name: '哈达铺镇', kind: 'township' },
  attendance: { status: 'invited', attendee: null, method: null, at: null, by: null, reason: null },
};

function serve() {
  return fakeApi(({ method, url }) => {
    if (method === 'GET' && url === `/api/trainings/${TRAINING_ID}`) return { status: 200, body: { training } };
    if (method === 'GET' && url === `/api/trainings/${TRAINING_ID}/roster`) return { status: 200, body: { items: [attended, invited] } };
    if (method === 'POST' && url === `/api/trainings/${TRAINING_ID}/attendance`) return { status: 200, body: { attendance: { status: 'absent' } } };
    return undefined;
  });
}

const marks = (calls: { method: string; url: string; body: unknown }[]) => calls.filter((c) => c.method === 'POST' && c.url.endsWith('/attendance')).map((c) => c.body as { unitId: string; status: string });
const rowOf = async (name: string) => (await screen.findByText(name)).closest('tr')!;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the roster\'s 缺席 on a unit already signed in', () => {
  it('asks first, saying the sign-in will be replaced; cancelling sends nothing', async () => {
    const { calls } = serve();
    await renderAs(office, <TrainingPage id={TRAINING_ID} />);
    fireEvent.click(within(await rowOf('城关镇')).getByRole('button', { name: '缺席' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('城关镇');
    expect(dialog.textContent).toContain('已签到');
    expect(dialog.textContent).toContain('张三');
    expect(marks(calls)).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(marks(calls)).toEqual([]);
  });

  it('sends the mark once confirmed', async () => {
    const { calls } = serve();
    await renderAs(office, <TrainingPage id={TRAINING_ID} />);
    fireEvent.click(within(await rowOf('城关镇')).getByRole('button', { name: '缺席' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /改为缺席/ }));
    await waitFor(() => expect(marks(calls)).toEqual([expect.objectContaining({ unitId: attended.unit.id, status: 'absent' })]));
  });

  it('marks an invited unit 缺席 at once, with no dialog', async () => {
    const { calls } = serve();
    await renderAs(office, <TrainingPage id={TRAINING_ID} />);
    fireEvent.click(within(await rowOf('哈达铺镇')).getByRole('button', { name: '缺席' }));
    await waitFor(() => expect(marks(calls)).toEqual([expect.objectContaining({ unitId: invited.unit.id, status: 'absent' })]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
