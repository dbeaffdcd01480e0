// @vitest-environment jsdom
// The technician's home: their units with the next steps one tap away, and what happens to a step
// when there is no network (kept on the device, shown as not sent) or the server says no.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Unit } from '../../shared/schemas/index.js';
import { FieldHomePage, workFirst } from '../../web/src/features/units/components/field/FieldHomePage.js';
import { request } from '../../web/src/shared/api/http.js';
import { Outbox } from '../../web/src/features/field/outbox/outbox.js';
import { OutboxContext } from '../../web/src/features/field/outbox/react.js';
import { createMemoryOutboxStore } from '../../web/src/features/field/outbox/store.js';
import { SessionContext } from '../../web/src/shared/session/session.js';
import { unitWith } from './fixtures.js';
import { fakeApi, routerFor, technician } from './render.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function setup(units: Unit[], onPost: () => { status: number; body?: unknown } | 'network') {
  const api = fakeApi(({ method, url }) => {
    if (url === '/api/settings') return { status: 200, body: DEFAULT_SETTINGS };
    if (method === 'GET' && url.startsWith('/api/units?')) return { status: 200, body: { items: units, total: units.length, page: 1, pageSize: 500 } };
    if (method === 'POST') {
      const answer = onPost();
      if (answer === 'network') throw new TypeError('Failed to fetch');
      return answer;
    }
    return undefined;
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  // the app's outbox: it sends through the same API client (here to the fake API)
  const outbox = new Outbox({
    store: createMemoryOutboxStore(),
    send: (entry, signal) => request(`/api/units/${entry.unitId}/events`, { method: 'POST', json: entry.step, signal }),
    isOnline: () => navigator.onLine,
    retryMs: 60_000,
  });
  outbox.setUser(technician.id);
  const router = routerFor(
    <OutboxContext.Provider value={outbox}>
      <SessionContext.Provider value={technician}>
        <FieldHomePage />
      </SessionContext.Provider>
    </OutboxContext.Provider>,
  );
  await router.load();
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...api, outbox };
}

// a cold first render on a busy machine can take more than the default second
const cardOf = async (name: string) => (await screen.findByRole('heading', { name: new RegExp(name) }, { timeout: 5_000 })).closest('li')!;

describe('a technician’s home', () => {
  it('says a step is recorded once the server has it', async () => {
    let posted = 0;
    const { outbox } = await setup([unitWith([])], () => ({ status: 201, body: { event: { id: `ev-${++posted}`, voided: false }, progress: unitWith(['wiring.started']).progress } }));
    const user = userEvent.setup();
    const card = await cardOf('城关镇');
    await user.click(within(card).getByRole('button', { name: '开始布线' }));
    await user.click(within(card).getByRole('button', { name: '发送' }));
    expect(await within(card).findByText('已记录“开始布线”。')).toBeTruthy();
    expect(posted).toBe(1);
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['sent']);
  });

  it('after the server refuses a queued step, the card says it was refused, why, and what to do, no longer that it will be sent', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { outbox } = await setup([unitWith([])], () => ({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: 'wiring cannot start: wiring is already done', details: { reason: 'stage_done' } } },
    }));
    const user = userEvent.setup();
    const card = await cardOf('城关镇');
    await user.click(within(card).getByRole('button', { name: '开始布线' }));
    await user.click(within(card).getByRole('button', { name: '保存到本机，联网后发送' }));
    expect(await within(card).findByText(/联网后自动发送/)).toBeTruthy();
    // the signal returns; the office had completed the wiring meanwhile
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    await outbox.flush();
    expect(await within(card).findByText('“开始布线”没有被记录：服务器拒绝了它。')).toBeTruthy();
    expect(within(card).getByText(/该环节已经完成。/)).toBeTruthy();
    expect(within(card).getByText(/请看本单位页面上的最新状态/)).toBeTruthy();
    expect(within(card).queryByText(/联网后自动发送/)).toBeNull();
    // dismissed, the notice goes
    await user.click(within(card).getByRole('button', { name: '知道了，移除' }));
    await waitFor(() => expect(within(card).queryByText(/没有被记录/)).toBeNull());
  });

  it('lists my units first, each with its allowed steps as buttons, moving forward first', async () => {
    const { calls } = await setup([unitWith([]), unitWith(['wiring.completed'], { id: 'unit-2', name: '县农业局', code: 'BM01' })], () => ({ status: 500 }));
    expect(await screen.findByRole('heading', { level: 1, name: '我的单位' })).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/units?') && c.url.includes('assignee=me'))).toBe(true);
    const first = within(await cardOf('城关镇')).getAllByRole('button').map((b) => b.textContent);
    expect(first).toEqual(['开始布线', '完成布线', '预约布线', '推迟布线', '拒绝布线']);
    const second = within(await cardOf('县农业局')).getAllByRole('button').map((b) => b.textContent);
    expect(second.slice(0, 2)).toEqual(['开始接入', '完成接入']);
  });

  it('offline, keeps a step on the device in two taps and shows the progress as not yet sent', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { calls, outbox } = await setup([unitWith([])], () => ({ status: 500 }));
    const user = userEvent.setup();
    const card = await cardOf('城关镇');
    await user.click(within(card).getByRole('button', { name: '完成布线' }));
    await user.click(within(card).getByRole('button', { name: '保存到本机，联网后发送' }));
    expect(await within(card).findByText('已保存在本机：“完成布线”。当前没有网络，联网后自动发送。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const [entry] = outbox.getSnapshot().entries;
    expect(entry).toMatchObject({ status: 'pending', unitId: 'unit-1', step: { type: 'wiring.completed' } });
    expect(entry.step!.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // the card now shows wiring done, marked unsent, and offers the connection's steps
    expect(within(card).getByText('1 条未发送')).toBeTruthy();
    expect(within(card).getByText('已完成')).toBeTruthy();
    expect(within(card).getByRole('button', { name: '开始接入' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: '开始布线' })).toBeNull();
  });

  it('offline, refuses on the device a step the queued ones make impossible', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { outbox } = await setup([unitWith([])], () => ({ status: 500 }));
    await outbox.enqueue({ userId: technician.id, unitId: 'unit-1', unitName: '城关镇人民政府', step: { type: 'wiring.completed', clientEventId: '00000000-0000-4000-8000-000000000001' } });
    const card = await cardOf('城关镇');
    // the page was opened before the step was queued elsewhere: the button is still there
    await waitFor(() => expect(within(card).queryByRole('button', { name: '开始布线' })).toBeNull());
    expect(within(card).getByRole('button', { name: '完成接入' })).toBeTruthy();
  });

  it('keeps a step whose send is lost on the way, with its id and time, instead of dropping it, and sends both again', async () => {
    let answer: 'network' | { status: number; body: unknown } = 'network';
    const { calls, outbox } = await setup([unitWith([])], () => answer);
    const user = userEvent.setup();
    const card = await cardOf('城关镇');
    await user.click(within(card).getByRole('button', { name: '开始布线' }));
    const tapped = Date.now();
    await user.click(within(card).getByRole('button', { name: '发送' }));
    expect(await within(card).findByText('已保存在本机：“开始布线”。暂时连不上服务器，稍后自动重试。')).toBeTruthy();
    const posts = () => calls.filter((c) => c.method === 'POST').map((c) => c.body as { clientEventId: string; occurredAt?: string });
    const [entry] = outbox.getSnapshot().entries;
    expect(entry.clientEventId).toBe(posts()[0].clientEventId);
    // the time kept is the tap's, not the retry's
    expect(Date.parse(entry.step!.occurredAt)).toBeGreaterThanOrEqual(tapped);
    expect(Date.parse(entry.step!.occurredAt)).toBeLessThanOrEqual(Date.now());
    // later, with the server reachable again, the step goes out once more: the same id and the time it was logged
    await new Promise((r) => setTimeout(r, 20));
    answer = { status: 201, body: { event: { id: 'ev-1', voided: false }, progress: unitWith(['wiring.started']).progress } };
    await outbox.flush();
    expect(posts()).toHaveLength(2);
    expect(posts()[1]).toMatchObject({ clientEventId: entry.clientEventId, occurredAt: entry.step!.occurredAt });
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['sent']);
  });

  it('shows a refusal by the server in the card and keeps nothing', async () => {
    const { outbox } = await setup([unitWith([])], () => ({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: 'wiring cannot start: wiring is already done', details: { reason: 'stage_done' } } },
    }));
    const user = userEvent.setup();
    const card = await cardOf('城关镇');
    await user.click(within(card).getByRole('button', { name: '开始布线' }));
    await user.click(within(card).getByRole('button', { name: '发送' }));
    expect(await within(card).findByText('该环节已经完成。')).toBeTruthy();
    expect(outbox.getSnapshot().entries).toHaveLength(0);
  });

  it('asks for the required reason before a refusal is kept', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { outbox } = await setup([unitWith([])], () => ({ status: 500 }));
    const user = userEvent.setup();
    const card = await cardOf('城关镇');
    await user.click(within(card).getByRole('button', { name: '拒绝布线' }));
    await user.click(within(card).getByRole('button', { name: '保存到本机，联网后发送' }));
    expect(within(card).getAllByText('必填').length).toBeGreaterThan(0);
    expect(outbox.getSnapshot().entries).toHaveLength(0);
    await user.type(within(card).getByLabelText(/原因说明/), '领导出差');
    await user.click(within(card).getByRole('button', { name: '保存到本机，联网后发送' }));
    await waitFor(() => expect(outbox.getSnapshot().entries).toHaveLength(1));
    expect(outbox.getSnapshot().entries[0].step!.data).toEqual({ reason: '领导出差' });
  });
});

describe("the technician's own units", () => {
  it('come with work left first: a unit wired and connected (nothing left for the technician) goes after, the rest keep their order', () => {
    const done = unitWith(['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'], { id: 'done', name: '城关镇' });
    const connected = unitWith(['wiring.completed', 'connection.completed'], { id: 'connected', name: '哈达铺镇' });
    const refused = unitWith(['wiring.refused'], { id: 'refused', name: '南阳镇' });
    const fresh = unitWith([], { id: 'fresh', name: '阿坞镇' });
    expect(workFirst([done, refused, connected, fresh]).map((u) => u.id)).toEqual(['refused', 'fresh', 'done', 'connected']);
  });
});
