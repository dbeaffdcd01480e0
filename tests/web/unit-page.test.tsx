// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyStep } from '../../shared/domain/progress.js';
import { DEFAULT_SETTINGS, type Step } from '../../shared/schemas/index.js';
import type { StepType } from '../../shared/domain/steps.js';
import type { Unit, UnitDetail as UnitRead } from '../../shared/schemas/index.js';
import { UnitPage } from '../../web/src/features/units/components/UnitPage.js';
import { detailOf, stepOf, unitWith } from './fixtures.js';
import type { SessionUser } from '../../shared/schemas/index.js';
import { fakeApi, office, renderAs, technician, unitUser } from './render.js';

const viewer: SessionUser = { id: 'u-leader', username: 'leader', displayName: '赵县长', role: 'viewer', unitId: null, scope: null };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A tiny server for one unit: GETs answer the current state, POSTs append a step. */
function serve(unit: Unit | UnitRead, steps: Step[], onPost?: (body: Record<string, unknown>) => { status: number; body?: unknown } | undefined) {
  let current: UnitRead = detailOf(unit);
  const log = [...steps];
  return fakeApi(({ method, url, body }) => {
    if (url === '/api/settings') return { status: 200, body: DEFAULT_SETTINGS };
    if (method === 'GET' && url === `/api/units/${unit.id}`) return { status: 200, body: { unit: current } };
    if (method === 'GET' && url.startsWith(`/api/units/${unit.id}/events`)) return { status: 200, body: { items: log, total: log.length, page: 1, pageSize: 500 } };
    if (method === 'POST' && url.startsWith('/api/events/')) {
      const id = url.split('/')[3];
      const event = { ...log.find((s) => s.id === id)!, voided: true, voidReason: (body as { reason: string }).reason };
      return { status: 200, body: { event, progress: current.progress } };
    }
    if (method === 'POST' && url === `/api/units/${unit.id}/events`) {
      const post = body as { type: StepType; data?: Record<string, string> };
      const custom = onPost?.(body as Record<string, unknown>);
      if (custom) return custom;
      const event = stepOf(post.type, log.length, { data: post.data ?? {} });
      current = { ...current, progress: applyStep(current.progress, { type: post.type, occurredAt: event.occurredAt, data: post.data }) };
      log.push(event);
      return { status: 201, body: { event, progress: current.progress } };
    }
    return undefined;
  });
}

const stageCard = (name: string) => screen.getByRole('heading', { level: 3, name: new RegExp(name) }).closest('li')!;

describe('unit page', () => {
  it('says where its due dates come from: a late joiner’s count from the day it was added', async () => {
    const unit = unitWith([], { wiringDue: null });
    serve(
      {
        ...detailOf(unit),
        dueDates: {
          addedOn: '2026-11-01',
          wiringDue: '2026-11-15',
          connectionDue: '2026-12-01',
          sources: { wiringDue: 'late_join', connectionDue: 'late_join' },
          lateJoinWiringDays: 14,
          lateJoinConnectionDays: 30,
        },
      },
      [],
    );
    await renderAs(office, <UnitPage id="unit-1" />);
    expect((await screen.findByTestId('late-join')).textContent).toBe('新加入单位：自加入之日（2026-11-01）起 14 天内完成布线、30 天内完成接入。');
    expect(screen.getByText('2026-11-15')).toBeTruthy();
  });

  it('marks a due date of the unit’s own, and none of a late joiner when it has none', async () => {
    serve(unitWith([], { wiringDue: '2026-12-15' }), []);
    await renderAs(office, <UnitPage id="unit-1" />);
    expect(await screen.findByText('（本单位自定）')).toBeTruthy();
    expect(screen.queryByTestId('late-join')).toBeNull();
  });

  it('offers a technician only the steps the stage machine allows now', async () => {
    serve(unitWith([]), []);
    await renderAs(technician, <UnitPage id="unit-1" />);
    const select = await screen.findByLabelText(/步骤/);
    const offered = within(select).getAllByRole('option').map((o) => o.textContent);
    expect(offered).toEqual(['请选择要记录的步骤', '预约布线', '开始布线', '完成布线', '拒绝布线', '推迟布线']);
  });

  it('shows a since date only on stages a step has touched', async () => {
    serve(unitWith(['wiring.started']), [stepOf('wiring.started', 0)]);
    await renderAs(office, <UnitPage id="unit-1" />);
    await screen.findByText('进行中');
    expect(within(stageCard('布线')).queryByText(/^自 /)).toBeTruthy();
    expect(within(stageCard('接入')).queryByText(/^自 /)).toBeNull();
    expect(within(stageCard('申报')).queryByText(/^自 /)).toBeNull();
  });

  it('logs a step with a fresh client event id and shows the new progress at once', async () => {
    const { calls } = serve(unitWith([]), []);
    await renderAs(technician, <UnitPage id="unit-1" />);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText(/步骤/), 'wiring.started');
    await user.click(screen.getByRole('button', { name: '记录' }));
    await screen.findByText('已记录“开始布线”。');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ type: 'wiring.started' });
    expect((post.body as { clientEventId: string }).clientEventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(within(stageCard('布线')).getByText('进行中')).toBeTruthy();
  });

  it('asks for the reason of a refusal before sending anything', async () => {
    const { calls } = serve(unitWith([]), []);
    await renderAs(technician, <UnitPage id="unit-1" />);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText(/步骤/), 'wiring.refused');
    expect(screen.getByLabelText(/原因类别/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '记录' }));
    expect(await screen.findByText('请检查标注的字段。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('explains a refused transition in words', async () => {
    serve(unitWith([]), [], () => ({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: 'wiring cannot start: wiring is already done', details: { reason: 'stage_done', stage: 'wiring' } } },
    }));
    await renderAs(technician, <UnitPage id="unit-1" />);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText(/步骤/), 'wiring.started');
    await user.click(screen.getByRole('button', { name: '记录' }));
    const alert = await screen.findByText('此步骤当前不能记录。');
    expect(alert.closest('[role=alert]')!.textContent).toContain('该环节已经完成。');
  });

  it('shows the server’s own words when the refusal has no known code', async () => {
    serve(unitWith([]), [], () => ({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: 'connection cannot start: wiring is not done' } },
    }));
    await renderAs(technician, <UnitPage id="unit-1" />);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText(/步骤/), 'wiring.completed');
    await user.click(screen.getByRole('button', { name: '记录' }));
    expect(await screen.findByText('connection cannot start: wiring is not done')).toBeTruthy();
  });

  it('lets a unit contact see why its registration was rejected and submit again', async () => {
    const types: StepType[] = ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.rejected'];
    const { calls } = serve(unitWith(types), types.map((t, i) => stepOf(t, i)));
    await renderAs(unitUser('unit-1'), <UnitPage id="unit-1" />);
    expect(await screen.findByText(/政府办退回了申报，原因：领导出差/)).toBeTruthy();
    expect(screen.queryByLabelText(/^步骤/)).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/申报编号/), 'SQ-2026-0042');
    await user.click(screen.getByRole('button', { name: '重新提交申报' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ type: 'registration.submitted', data: { platformRef: 'SQ-2026-0042' } });
    // the record lane: the title says how long the office's review has been waited for, the body names the new ref
    expect((await screen.findByTestId('awaiting-review')).textContent).toMatch(/^待审核（已等待 \d+ 天）$/);
    expect(screen.getByText('已提交申报（编号 SQ-2026-0042），等待政府办审核。')).toBeTruthy();
  });

  it('shows voided steps struck through with the reason, and lets the office void the latest live one', async () => {
    const steps = [
      stepOf('wiring.started', 0),
      stepOf('wiring.completed', 1, { voided: true, voidReason: '录错了单位', voidedBy: { id: 'u-office', displayName: '王主任', role: 'office' }, voidedAt: '2026-11-02T00:00:00Z' }),
    ];
    const { calls } = serve(unitWith(['wiring.started']), steps);
    await renderAs(office, <UnitPage id="unit-1" />);
    expect(await screen.findByText(/撤销原因：录错了单位/)).toBeTruthy();
    expect(screen.getByText('完成布线', { selector: '.timeline__name' }).className).toContain('struck');
    const buttons = screen.getAllByRole('button', { name: '撤销此步骤' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0].closest('li')!.textContent).toContain('开始布线');
    const user = userEvent.setup();
    await user.click(buttons[0]);
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '确认撤销' }));
    expect(within(dialog).getByText('必填')).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/撤销原因/), '重复录入');
    await user.click(within(dialog).getByRole('button', { name: '确认撤销' }));
    await waitFor(() => expect(calls.find((c) => c.url === '/api/events/step-0/void')?.body).toEqual({ reason: '重复录入' }));
  });

  it('lets the office verify a registration awaiting review', async () => {
    const types: StepType[] = ['wiring.completed', 'connection.completed', 'registration.submitted'];
    const { calls } = serve(unitWith(types), types.map((t, i) => stepOf(t, i, t === 'registration.submitted' ? { data: { platformRef: 'SQ-7' } } : {})));
    await renderAs(office, <UnitPage id="unit-1" />);
    expect(await screen.findByText(/申报编号：SQ-7/)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '审核通过' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '审核通过' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ type: 'registration.verified' }));
    expect(await screen.findByText('已完成接入和申报')).toBeTruthy();
  });

  it('prefills a resubmission with the 申报编号 submitted last time', async () => {
    const types: StepType[] = ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.rejected'];
    const steps = types.map((t, i) => stepOf(t, i, t === 'registration.submitted' ? { data: { platformRef: 'SQ-2026-0007' } } : {}));
    const { calls } = serve(unitWith(types), steps);
    await renderAs(unitUser('unit-1'), <UnitPage id="unit-1" />);
    const input = (await screen.findByLabelText(/申报编号/)) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('SQ-2026-0007'));
    expect(screen.getByText(/已填入上次提交的申报编号 SQ-2026-0007/)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '重新提交申报' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ type: 'registration.submitted', data: { platformRef: 'SQ-2026-0007' } }));
  });

  it('postpones with only a reason category, no free text needed, and shows the category once', async () => {
    const { calls } = serve(unitWith([]), []);
    await renderAs(technician, <UnitPage id="unit-1" />);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText(/步骤/), 'wiring.postponed');
    await user.selectOptions(screen.getByLabelText(/原因类别/), 'busy_period');
    expect(screen.getByText('已选原因类别，可不填；需要补充时再写。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '记录' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ type: 'wiring.postponed', data: { reasonCode: 'busy_period' } }));
    expect((calls.find((c) => c.method === 'POST')!.body as { data: object }).data).not.toHaveProperty('reason');
  });

  it('shows a stored reason that is only the category’s words once, not twice', async () => {
    const unit = unitWith([]);
    unit.progress = applyStep(unit.progress, { type: 'wiring.postponed', occurredAt: '2026-11-02T01:00:00.000Z', data: { reason: '工作繁忙', reasonCode: 'busy_period' } });
    serve(unit, [stepOf('wiring.postponed', 0, { data: { reason: '工作繁忙', reasonCode: 'busy_period' } })]);
    await renderAs(office, <UnitPage id="unit-1" />);
    await screen.findByText('已推迟', { exact: false });
    expect(stageCard('布线').querySelector('.stage__reason')!.textContent).toBe('工作繁忙');
    await screen.findByText('原因类别');
    expect(screen.queryByText('原因说明')).toBeNull();
  });

  it('tells a unit’s contact its laggard flags in its own words, with what to do', async () => {
    const unit = { ...unitWith(['wiring.refused']), laggard: { asOf: '2026-11-28', flags: [{ category: 'refused_wiring' as const, stage: 'wiring' as const, daysLate: 12 }], severity: 13.57 }, assignee: null };
    serve(unit, [stepOf('wiring.refused', 0)]);
    await renderAs(unitUser('unit-1'), <UnitPage id="unit-1" />);
    const notice = (await screen.findByText('本单位目前：')).closest('section')!;
    expect(notice.textContent).toContain('拒绝布线已 12 天。请与负责的技术员约定布线时间；确有困难，向政府办说明原因。');
    expect(notice.textContent).toMatch(/按 2026.11.28 的情况/); // the shared date format, whatever its separator
  });

  it('says nothing of flags for a unit on track', async () => {
    serve({ ...unitWith([]), laggard: { asOf: '2026-11-28', flags: [], severity: 0 }, assignee: null }, []);
    await renderAs(unitUser('unit-1'), <UnitPage id="unit-1" />);
    await screen.findByText('各环节进度');
    expect(screen.queryByText(/目前：/)).toBeNull();
  });

  it('tells a leader who is responsible for the unit', async () => {
    serve({ ...unitWith([]), assigneeId: 'u-tech', laggard: { asOf: '2026-11-28', flags: [], severity: 0 }, assignee: { id: 'u-tech', displayName: '李师傅' } }, []);
    await renderAs(viewer, <UnitPage id="unit-1" />);
    const row = (await screen.findByText('负责技术员')).closest('div')!;
    expect(row.textContent).toBe('负责技术员李师傅');
  });

  it('goes back to where the unit was opened from, with its filters: the board, the list, or by default the list', async () => {
    serve(unitWith([]), []);
    window.history.replaceState({ from: '/laggards?kind=township&category=refused_wiring' }, '', '/units/unit-1');
    await renderAs(office, <UnitPage id="unit-1" />);
    const back = await screen.findByRole('link', { name: /返回落后单位/ });
    expect(back.getAttribute('href')).toBe('/laggards?kind=township&category=refused_wiring');
    cleanup();
    window.history.replaceState({ from: '/units?q=%E9%95%87&stage=wiring&status=blocked&page=2' }, '', '/units/unit-1');
    await renderAs(office, <UnitPage id="unit-1" />);
    expect((await screen.findByRole('link', { name: /返回单位列表/ })).getAttribute('href')).toBe('/units?q=%E9%95%87&stage=wiring&status=blocked&page=2');
    cleanup();
    window.history.replaceState(null, '', '/units/unit-1');
    await renderAs(office, <UnitPage id="unit-1" />);
    expect((await screen.findByRole('link', { name: /返回单位列表/ })).getAttribute('href')).toBe('/units');
  });
});
