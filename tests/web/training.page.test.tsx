// @vitest-environment jsdom
// A training's page for the office: undoing a unit's 已签到 by marking it 缺席 asks first, in a
// dialog saying what will change (cancelling sends nothing; an invited unit's mark goes at once);
// editing the details sends what changed, and once attendance is recorded the dates stay put.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas/index.js';
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

function serve(over: { training?: Training; patch?: { status: number; body?: unknown } } = {}) {
  const tr = over.training ?? training;
  return fakeApi(({ method, url, body }) => {
    if (url === '/api/settings') return { status: 200, body: DEFAULT_SETTINGS };
    if (method === 'GET' && url === `/api/trainings/${TRAINING_ID}`) return { status: 200, body: { training: tr } };
    if (method === 'GET' && url === `/api/trainings/${TRAINING_ID}/roster`) return { status: 200, body: { items: [attended, invited] } };
    if (method === 'POST' && url === `/api/trainings/${TRAINING_ID}/attendance`) return { status: 200, body: { attendance: { status: 'absent' } } };
    if (method === 'PATCH' && url === `/api/trainings/${TRAINING_ID}`) return over.patch ?? { status: 200, body: { training: { ...tr, ...(body as object) } } };
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
    // with the status it replaces: a sign-in made meanwhile is not overwritten (409 attendance_changed)
    await waitFor(() => expect(marks(calls)).toEqual([expect.objectContaining({ unitId: attended.unit.id, status: 'absent', expectedStatus: 'attended' })]));
  });

  it('marks an invited unit 缺席 at once, with no dialog', async () => {
    const { calls } = serve();
    await renderAs(office, <TrainingPage id={TRAINING_ID} />);
    fireEvent.click(within(await rowOf('哈达铺镇')).getByRole('button', { name: '缺席' }));
    await waitFor(() => expect(marks(calls)).toEqual([expect.objectContaining({ unitId: invited.unit.id, status: 'absent', expectedStatus: 'invited' })]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('editing a training', () => {
  const noneRecorded: Training = { ...training, counts: { ...training.counts, attended: 0, invited: 2 } };
  const patches = (calls: { method: string; body: unknown }[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

  it('sends only what changed; before any attendance the dates can move', async () => {
    const { calls } = serve({ training: noneRecorded });
    await renderAs(office, <TrainingPage id={TRAINING_ID} />);
    fireEvent.click(await screen.findByRole('button', { name: '修改' }));
    const form = await screen.findByRole('form', { name: '修改培训信息' });
    expect((within(form).getByLabelText(/^开始时间/) as HTMLInputElement).disabled).toBe(false);
    fireEvent.change(within(form).getByLabelText(/^地点/), { target: { value: '县电信局二楼' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ venue: '县电信局二楼' }]));
  });

  it('once attendance is recorded the dates are locked and say why; the venue still saves', async () => {
    const { calls } = serve();
    await renderAs(office, <TrainingPage id={TRAINING_ID} />);
    fireEvent.click(await screen.findByRole('button', { name: '修改' }));
    const form = await screen.findByRole('form', { name: '修改培训信息' });
    for (const label of [/^开始时间/, /^结束时间/]) expect((within(form).getByLabelText(label) as HTMLInputElement).disabled).toBe(true);
    expect(form.textContent).toContain('开始和结束时间不能再改');
    fireEvent.change(within(form).getByLabelText(/^地点/), { target: { value: '县电信局二楼' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(patches(calls)).toEqual([{ venue: '县电信局二楼' }]));
  });

  it('shows the server\'s refusal to move the dates in words', async () => {
    const refusal = { status: 409, body: { error: { code: 'CONFLICT', message: '已有单位的签到情况被登记，培训的开始和结束时间不能再改', details: { reason: 'dates_fixed' } } } };
    serve({ training: noneRecorded, patch: refusal });
    await renderAs(office, <TrainingPage id={TRAINING_ID} />);
    fireEvent.click(await screen.findByRole('button', { name: '修改' }));
    const form = await screen.findByRole('form', { name: '修改培训信息' });
    fireEvent.change(within(form).getByLabelText(/^开始时间/), { target: { value: '2026-12-06T10:00' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('开始和结束时间不能再改（汇报期限和签到时段都以它们为准）');
  });
});
