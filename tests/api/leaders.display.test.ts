// Display links (数据大屏): an office's read-only link to its scope for a wall display. The token
// is a bearer secret (shown once, stored hashed, never logged); the screen answers the link's
// scope only, no contact or phone; revoked or expired, the link opens nothing; made and revoked
// are audited.
import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Agent, TestApp } from '../helpers/app.js';
import { appTest, TANCHANG, WUDU } from '../helpers/fixture.js';
import { loggerOptions } from '../../server/logger.js';

// the request log as main.ts configures it, kept to check that no line carries a token
const written: string[] = [];
const test = appTest({}, { logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => written.push(line) } } });
import { reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
const { record } = reportsKit(() => ({ t, office }));

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const screen = (token: string | undefined) => t.app.inject({ method: 'GET', url: '/api/screen', headers: token ? { authorization: `Bearer ${token}` } : {} });

async function make(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/display-links', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { link: { id: string; status: string; area: { code: string } | null; expiresAt: string }; token: string; path: string };
}

describe('display links', () => {
  test('a county office\'s link shows its county only, with no contact, phone or person anywhere', async ({ tanchang }) => {
    const mine = await t.unit({ areaCode: TANCHANG, name: '宕昌县大屏测试局', contactName: '张联络', contactPhone: '13900001111' });
    await record(mine.id, 'wiring.refused', -2);
    const theirs = await t.unit({ areaCode: WUDU, name: '武都区大屏测试局', contactName: '李联络', contactPhone: '13900002222' });
    await record(theirs.id, 'wiring.refused', -2);

    const made = await make(tanchang.office, { label: '县会议室' });
    expect(made.link).toMatchObject({ status: 'active', area: { code: TANCHANG } });
    expect(made.path).toBe(`/screen#${made.token}`);
    // shown once: the list never carries it
    expect((await tanchang.office.get('/api/display-links')).body).not.toContain(made.token);

    const res = await screen(made.token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.area.code).toBe(TANCHANG);
    expect(res.body).toContain('宕昌县大屏测试局');
    expect(res.body).not.toContain('武都区大屏测试局');
    for (const secret of ['张联络', '13900001111', 'contact', 'phone', 'assignee', 'displayName', 'actor']) expect(res.body, secret).not.toContain(secret);
    expect(body.recent[0].unit.name).toBe('宕昌县大屏测试局');
    expect(body.summary.previous).not.toBeNull();
    // the kinds of a county's units are its ranking
    expect(body.ranking.every((r: { area: { level: string } }) => r.area.level === 'kind')).toBe(true);
  });

  test('a county office cannot make a link wider than its scope or another county\'s', async ({ tanchang }) => {
    expect((await tanchang.office.post('/api/display-links', { label: 'x', area: WUDU })).statusCode).toBe(404);
    expect((await tanchang.office.post('/api/display-links', { label: 'x', area: '6212' })).statusCode).toBe(404);
    const whole = await make(office, { label: '全部' });
    expect(whole.link.area).toBeNull();
    // and cannot see or revoke the installation's link
    expect((await tanchang.office.get('/api/display-links')).json().items.map((l: { id: string }) => l.id)).not.toContain(whole.link.id);
    expect((await tanchang.office.post(`/api/display-links/${whole.link.id}/revoke`)).statusCode).toBe(404);
  });

  test('stores only the token\'s sha256, and no request log line carries the token', async () => {
    const made = await make(office, { label: '大厅', area: TANCHANG });
    const rows = await t.database.db.execute(sql`select token_hash from display_links where id = ${made.link.id}`);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(made.token);
    expect(stored).toContain(createHash('sha256').update(made.token).digest('hex'));
    written.length = 0;
    expect((await screen(made.token)).statusCode).toBe(200);
    expect(written.some((l) => l.includes('/api/screen')), 'the screen request is logged').toBe(true);
    expect(written.join('')).not.toContain(made.token);
    // nor any line of the whole file so far (the link's making included)
    expect(written.join('')).not.toContain(hashOf(made.token));
  });

  test('a revoked link stops at once, an expired one too, a wrong one never opened; made and revoked are audited', async () => {
    const made = await make(office, { label: '会议室', area: TANCHANG, expiresInDays: 1 });
    expect((await screen(made.token)).statusCode).toBe(200);
    const revoked = await office.post(`/api/display-links/${made.link.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect((await screen(made.token)).statusCode).toBe(401);
    expect((await screen('x'.repeat(43))).statusCode).toBe(401);
    expect((await screen(undefined)).statusCode).toBe(401);

    const audit = (await office.get('/api/audit?pageSize=20')).json().items as { action: string; target: string; details: unknown }[];
    const mine = audit.filter((a) => a.target === made.link.id).map((a) => a.action);
    expect(mine).toEqual(expect.arrayContaining(['display_link.create', 'display_link.revoke']));
    expect(JSON.stringify(audit)).not.toContain(made.token);

    const later = await make(office, { label: '过期', area: TANCHANG, expiresInDays: 1 });
    await t.database.db.execute(sql`update display_links set expires_at = now() - interval '1 second' where id = ${later.link.id}`);
    expect((await screen(later.token)).statusCode).toBe(401);
    expect((await office.get('/api/display-links')).json().items.find((l: { id: string }) => l.id === later.link.id).status).toBe('expired');
  });

  test('a link falls silent with the office that made it: disabled, or moved to another county', async () => {
    // a clerk of 宕昌县 makes a link for the meeting room, then leaves (disabled) or moves (scope)
    const clerk = await t.as('office', { scope: TANCHANG });
    const made = await make(clerk, { label: '县会议室（离任测试）' });
    expect((await screen(made.token)).statusCode).toBe(200);
    const statusOf = async () => (await office.get('/api/display-links')).json().items.find((l: { id: string }) => l.id === made.link.id).status;

    expect((await office.patch(`/api/users/${clerk.user.id}`, { disabled: true })).statusCode).toBe(200);
    const refused = await screen(made.token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toContain('创建它的账号');
    expect(await statusOf()).toBe('orphaned');

    // enabled again, the link speaks for it again (it was never revoked)
    expect((await office.patch(`/api/users/${clerk.user.id}`, { disabled: false })).statusCode).toBe(200);
    expect((await screen(made.token)).statusCode).toBe(200);
    expect(await statusOf()).toBe('active');

    // moved to 武都区: its 宕昌县 link no longer speaks for anyone
    expect((await office.patch(`/api/users/${clerk.user.id}`, { scope: WUDU })).statusCode).toBe(200);
    expect((await screen(made.token)).statusCode).toBe(401);
    expect(await statusOf()).toBe('orphaned');
    // widened to the city above, it holds the county again
    expect((await office.patch(`/api/users/${clerk.user.id}`, { scope: '6212' })).statusCode).toBe(200);
    expect((await screen(made.token)).statusCode).toBe(200);
  });

  test('only an office makes links', async ({ viewer, technician }) => {
    expect((await viewer.post('/api/display-links', { label: 'x' })).statusCode).toBe(403);
    expect((await technician.get('/api/display-links')).statusCode).toBe(403);
    expect((await office.post('/api/display-links', { label: 'x', expiresInDays: 91 })).statusCode).toBe(400);
  });
});
