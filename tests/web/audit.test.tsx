// @vitest-environment jsdom
// The audit log in words: who did what to which unit, never the stored codes and ids.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type AuditEntry } from '../../shared/schemas/index.js';
import { AuditPage } from '../../web/src/features/audit/components/AuditPage.js';
import { fakeApi, office, renderAs } from './render.js';

const UNIT = { id: 'b7fee74a-0000-4000-8000-000000000001', code: '621223100', name: '城关镇人民政府' };
const CLERK = { id: 'a1000000-0000-4000-8000-000000000001', username: 'zfb01', role: 'office' as const, displayName: '王主任' };
const base = { ip: '127.0.0.1', at: '2026-11-28T01:30:00.000Z', unit: null, user: null };
const ENTRIES: AuditEntry[] = [
  { ...base, id: '7', actor: CLERK, action: 'notice.issue', target: UNIT.id, details: { noticeId: 'n', number: '催办〔2026〕第 3 号', flags: ['refused_wiring'] }, unit: UNIT },
  { ...base, id: '6', actor: CLERK, action: 'step.void', target: `unit:${UNIT.id}`, details: { stepId: 'x', type: 'wiring.completed', reason: '记错了' }, unit: UNIT },
  { ...base, id: '5', actor: CLERK, action: 'step.record', target: `unit:${UNIT.id}`, details: { stepId: 'x', type: 'wiring.completed' }, unit: UNIT },
  { ...base, id: '4', actor: CLERK, action: 'unit.update', target: UNIT.id, details: { changed: { contactName: '李明', kind: 'township' } }, unit: UNIT },
  { ...base, id: '3', actor: CLERK, action: 'settings.update', target: 'settings', details: { before: { stallDays: 14, wiringDue: null }, after: { stallDays: 10, wiringDue: null } } },
  { ...base, id: '2', actor: null, action: 'auth.login_failed', target: 'zfb01', details: { reason: 'credentials' }, user: { id: CLERK.id, username: 'zfb01', displayName: '王主任', role: 'office' } },
  { ...base, id: '1', actor: CLERK, action: 'user.update', target: CLERK.id, details: { changed: ['displayName'], passwordReset: true }, user: { id: CLERK.id, username: 'zfb01', displayName: '王主任', role: 'office' } },
];

let calls: { url: string }[] = [];
beforeEach(() => {
  window.history.replaceState(null, '', '/audit');
  ({ calls } = fakeApi(({ url }) => {
    if (url === '/api/settings') return { status: 200, body: DEFAULT_SETTINGS };
    if (url.startsWith('/api/users')) return { status: 200, body: { items: [{ ...CLERK, unitId: null, scope: null, disabled: false, createdAt: base.at }], total: 1, page: 1, pageSize: 500 } };
    if (url.startsWith('/api/audit')) return { status: 200, body: { items: ENTRIES, total: 120, page: 1, pageSize: 50 } };
    return undefined;
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the audit page', () => {
  it('says each entry in words, with the unit linked to its page, and shows no stored code', async () => {
    await renderAs(office, <AuditPage />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows.shift()).toContain('向 城关镇人民政府 发出催办通知 催办〔2026〕第 3 号');
    expect(rows[0]).toContain('撤销了 城关镇人民政府 的“完成布线”，原因：记错了');
    expect(rows[1]).toContain('为 城关镇人民政府 记录了“完成布线”');
    expect(rows[2]).toContain('修改单位 城关镇人民政府：联系人改为“李明”、类型改为“乡镇”');
    expect(rows[3]).toContain('修改活动设置：停滞天数由“14”改为“10”');
    expect(rows[4]).toContain('以用户名 zfb01 登录失败：用户名或密码错误');
    expect(rows[5]).toContain('修改用户 王主任：姓名、重置了密码');
    expect(rows[0]).toContain('王主任（政府办）');
    const text = table.textContent!;
    for (const raw of ['step.void', 'notice.', 'unit:', UNIT.id, '{', 'auth.', 'wiring.completed']) expect(text).not.toContain(raw);
    const links = within(table).getAllByRole('link', { name: '城关镇人民政府' });
    expect(links[0].getAttribute('href')).toBe(`/units/${UNIT.id}`);
    expect(within(table).getAllByRole('link', { name: /王主任/ })[0].getAttribute('href')).toBe(`/audit?actorId=${CLERK.id}`);
  });

  it('asks the API for what the filters say and resets the page', async () => {
    window.history.replaceState(null, '', '/audit?page=2');
    await renderAs(office, <AuditPage />);
    await screen.findByRole('table');
    expect(calls.some((c) => c.url === '/api/audit?page=2&pageSize=50')).toBe(true);
    await userEvent.click(screen.getByRole('link', { name: '登录与退出' }));
    await userEvent.selectOptions(screen.getByLabelText('操作'), '登录失败');
    await userEvent.selectOptions(screen.getByLabelText('操作人'), '王主任（zfb01）');
    expect(new URLSearchParams(window.location.search).toString()).toBe(`group=sessions&action=auth.login_failed&actorId=${CLERK.id}`);
    await vi.waitFor(() => expect(calls.at(-1)!.url).toBe(`/api/audit?page=1&group=sessions&action=auth.login_failed&actorId=${CLERK.id}&pageSize=50`));
    // the "what" filter offers only the sign-in actions once sign-ins are chosen
    expect(within(screen.getByLabelText('操作')).getAllByRole('option').map((o) => o.textContent)).toEqual(['全部', '登录', '登录失败', '登录被暂时拒绝', '退出登录']);
  });
});
