// Notification channels through the API: what is refused, what is shown, and that the webhook
// address (a secret) never comes back in an answer, the log or the audit log.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { dingtalkSign } from '../../shared/domain/dingtalk-sign.js';
import { robotCause } from '../../shared/domain/robot-answer.js';
import { loggerOptions } from '../../server/logger.js';
import { rowsOf } from '../../db/rows.js';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';
import { startReceiver, type Receiver } from './notify.receiver.js';

const written: string[] = [];
let t: TestApp;
let office: Agent;
let robot: Receiver;
const test = appTest(
  // the private addresses are listed so that they are refused for being private, not for being unlisted
  { NOTIFY_ALLOWED_HOSTS: '127.0.0.1,qyapi.weixin.qq.com,10.0.0.5,192.168.1.10,169.254.169.254,fc00::1,100.64.0.1', NOTIFY_TIMEOUT_MS: '1500' },
  { logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => written.push(line) } } },
);
test.beforeAll(async ({ t: testApp, office: fOffice }) => {
  robot = await startReceiver();
  t = testApp;
  office = fOffice;
});
afterAll(() => robot.close());

const wecom = (key: string, extra: Record<string, unknown> = {}) => ({ name: '县政府办工作群', kind: 'wecom', webhookUrl: robot.wecomUrl(key), alerts: ['wiring_refused'], digestAt: '08:30', ...extra });

describe('channels', () => {
  it('are created, listed and changed with the address masked and the secret never shown', async () => {
    const key = 'wk-3f9a1c77-secret-key';
    const created = await office.post('/api/channels', wecom(key));
    expect(created.statusCode, created.body).toBe(201);
    const { channel } = created.json();
    expect(channel).toMatchObject({ kind: 'wecom', enabled: true, digestAt: '08:30', alerts: ['wiring_refused'], hasSecret: false });
    expect(channel.webhookUrl).toBe(`http://127.0.0.1:${robot.port}/cgi-bin/webhook/send?key=****`);

    const listed = (await office.get('/api/channels')).json().items;
    expect(listed.map((c: { id: string }) => c.id)).toContain(channel.id);

    // a change that leaves the address out keeps it
    const renamed = await office.patch(`/api/channels/${channel.id}`, { name: '改名后的群', alerts: ['wiring_refused', 'registration_rejected'] });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().channel).toMatchObject({ name: '改名后的群', webhookUrl: channel.webhookUrl });
    const tested = await office.post(`/api/channels/${channel.id}/test`);
    expect(tested.statusCode, tested.body).toBe(200);
    expect(robot.for(key)).toHaveLength(1);

    const disabled = await office.request('DELETE', `/api/channels/${channel.id}`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().channel.enabled).toBe(false);
    expect((await office.get(`/api/channels/${channel.id}/deliveries`)).json().items).toHaveLength(1);
  });

  it('are refused with 400 for a host not allowed, http:// to a host not on this machine, a private address or a wrong robot address', async () => {
    const refused = [
      'https://hooks.example.com/cgi-bin/webhook/send?key=k',
      'https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=k',
      'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
      'https://10.0.0.5/cgi-bin/webhook/send?key=k',
      'https://192.168.1.10/cgi-bin/webhook/send?key=k',
      'https://169.254.169.254/cgi-bin/webhook/send?key=k',
      'https://[fc00::1]/cgi-bin/webhook/send?key=k',
      'https://100.64.0.1/cgi-bin/webhook/send?key=k',
      'https://[::ffff:10.0.0.5]/cgi-bin/webhook/send?key=k',
      'https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
      'ftp://qyapi.weixin.qq.com/x?key=k',
      'not a url',
    ];
    for (const webhookUrl of refused) {
      const res = await office.post('/api/channels', wecom('x', { webhookUrl }));
      expect(res.statusCode, webhookUrl).toBe(400);
      expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'webhookUrl' })]);
    }
    // the official host over HTTPS is fine (nothing is sent to it here)
    expect((await office.post('/api/channels', wecom('x', { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', enabled: false, alerts: [], digestAt: null }))).statusCode).toBe(201);
    // a change of address is checked the same way
    const { channel } = (await office.post('/api/channels', wecom('ok-key'))).json();
    expect((await office.patch(`/api/channels/${channel.id}`, { webhookUrl: 'https://10.0.0.5/x?key=k' })).statusCode).toBe(400);
    expect((await office.patch(`/api/channels/${channel.id}`, { kind: 'dingtalk' })).statusCode).toBe(400); // a WeChat Work address is no DingTalk one
    expect((await office.patch('/api/channels/00000000-0000-0000-0000-000000000000', { name: 'x' })).statusCode).toBe(404);
    expect((await office.post('/api/channels/nothing/test')).statusCode).toBe(404);
  });

  it('never put the webhook address or the signing secret in an answer, the log or the audit log', async () => {
    written.length = 0;
    const key = 'wk-never-shown-71c2d9';
    const token = 'dt-never-shown-5e8b04';
    const secret = 'SECnever-shown-a17f6633b';
    robot.sign(token, secret);
    const answers: string[] = [];
    const keep = async (p: Promise<{ body: string; statusCode: number }>) => {
      const res = await p;
      answers.push(res.body);
      return res;
    };
    const a = (await keep(office.post('/api/channels', wecom(key)))).body;
    const b = (await keep(office.post('/api/channels', { name: '钉钉群', kind: 'dingtalk', webhookUrl: robot.dingtalkUrl(token), secret, alerts: [] }))).body;
    const [wc, dt] = [JSON.parse(a).channel, JSON.parse(b).channel];
    expect(dt.hasSecret).toBe(true);
    await keep(office.get('/api/channels'));
    await keep(office.patch(`/api/channels/${dt.id}`, { webhookUrl: robot.dingtalkUrl(token), secret }));
    const test = await keep(office.post(`/api/channels/${dt.id}/test`));
    expect(test.statusCode, test.body).toBe(200);
    expect(JSON.parse(test.body).delivery).toMatchObject({ status: 'sent', kind: 'test', attempts: 1 });
    await keep(office.post(`/api/channels/${wc.id}/test`));
    await keep(office.get(`/api/channels/${wc.id}/deliveries`));
    await keep(office.get(`/api/channels/${dt.id}/deliveries`));
    await keep(office.get('/api/audit'));
    await keep(office.request('DELETE', `/api/channels/${wc.id}`));
    // a refused address is not echoed back either
    await keep(office.post('/api/channels', wecom(key, { webhookUrl: `https://hooks.example.com/x?key=${key}` })));

    const audit = (await rowsOf<{ r: string }>(t.database.db, sql`select string_agg(to_jsonb(a)::text, E'\n') as r from audit a`))[0].r;
    expect(audit).toContain('channel.create');
    const everything = [...answers, written.join(''), audit].join('\n');
    for (const s of [key, token, secret, robot.wecomUrl(key), robot.dingtalkUrl(token)]) expect(everything).not.toContain(s);
  });
});

describe('test messages', () => {
  it('show the robot\'s answer, and a DingTalk robot with 加签 gets a valid signature', async () => {
    const token = 'dt-signed-1';
    const secret = 'SEC5f0c3a9e7d1b2c4a6e8f0a1b3c5d7e9f';
    robot.sign(token, secret);
    const { channel } = (await office.post('/api/channels', { name: '钉钉技术群', kind: 'dingtalk', webhookUrl: robot.dingtalkUrl(token), secret, alerts: [] })).json();
    const { delivery } = (await office.post(`/api/channels/${channel.id}/test`)).json();
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1 });
    expect(delivery.lastAnswer).toContain('"errcode":0');
    const [got] = robot.for(token);
    expect(got.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '测试消息' } });
    expect(got.text).toContain('钉钉技术群');

    // a wrong secret: DingTalk says so, and the answer is shown as the failure it is
    await office.patch(`/api/channels/${channel.id}`, { secret: 'SECwrong' });
    const wrong = (await office.post(`/api/channels/${channel.id}/test`)).json().delivery;
    expect(wrong).toMatchObject({ status: 'failed' });
    expect(wrong.lastAnswer).toContain('310000');
  });

  it('sign as DingTalk documents it: a vector computed with node:crypto', async () => {
    const timestamp = 1764547200000;
    const secret = 'SECb5f0a0a9e2d74d0c8f1b7e3a6c9d2f4e1a0b3c5d7e9f1a3b5c7d9e0f2a4b6c8';
    const expected = encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
    expect(await dingtalkSign(timestamp, secret)).toBe(expected);
    // a secret and a timestamp whose Base64 holds + / = (which must be escaped)
    for (let ts = timestamp; ts < timestamp + 20; ts++) {
      expect(await dingtalkSign(ts, 'SEC')).toBe(encodeURIComponent(createHmac('sha256', 'SEC').update(`${ts}\nSEC`).digest('base64')));
    }
  });

  // a test message is answered at once and never retried: a clerk is waiting for it (issue 27)
  it('say what went wrong when the robot hangs, redirects or answers an error, and are not retried', async () => {
    const cases = [
      ['hang', /no answer within 1500 ms/, 'timeout'],
      ['redirect', /HTTP 302 \(redirect not followed\)/, 'redirect'],
      ['bad', /93000/, 'robot_key'],
      ['500', /HTTP 500/, 'server_error'],
      ['ratelimit', /45009/, 'rate_limited'],
    ] as const;
    for (const [behaviour, answer, cause] of cases) {
      const key = `wk-${behaviour}`;
      robot.script(key, [behaviour]);
      const { channel } = (await office.post('/api/channels', wecom(key))).json();
      const { delivery } = (await office.post(`/api/channels/${channel.id}/test`)).json();
      expect(delivery.lastAnswer, behaviour).toMatch(answer);
      expect(delivery.status, behaviour).toBe('failed');
      expect(robotCause(delivery.lastAnswer), behaviour).toBe(cause);
      const log = (await office.get(`/api/channels/${channel.id}/deliveries`)).json().items;
      expect(log.filter((d: { status: string }) => d.status === 'pending'), behaviour).toEqual([]);
    }
    expect(robot.elsewhereHits()).toBe(0);
  });
});
