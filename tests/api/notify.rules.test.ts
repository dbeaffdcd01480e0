// The pure rules of notifications: the digest's text and its cut, the retry schedule, the
// robot's minute, what an answer means, the address checks.
import { describe, expect, it } from 'vitest';
import { LAGGARD_CATEGORIES, type LaggardFlag } from '../../shared/domain/laggards.js';
import { buildDigest, byteLength, MESSAGE_MAX_BYTES } from '../../shared/domain/notify-digest.js';
import { DELIVERY_RULE, nextTry, outcomeOf, rateRoom, retryWait } from '../../shared/domain/notify-retry.js';
import { alertForStep } from '../../shared/domain/notify-alerts.js';
import { addressProblem, maskWebhook, webhookProblem } from '../../server/features/notify/notify.address.js';
import { robotBody } from '../../server/features/notify/notify.sender.js';

const byCategory = Object.fromEntries(LAGGARD_CATEGORIES.map((c, i) => [c, i * 40])) as Record<(typeof LAGGARD_CATEGORIES)[number], number>;
const flags: LaggardFlag[] = [
  { category: 'refused_wiring', stage: 'wiring', daysLate: 31 },
  { category: 'repeated_postponement', stage: null, daysLate: 12 },
  { category: 'overdue_wiring', stage: 'wiring', daysLate: 4 },
];

describe('the digest', () => {
  it('of 500 laggards fits a WeChat Work markdown message (4,096 bytes) and counts what it leaves out', () => {
    const laggards = Array.from({ length: 500 }, (_, i) => ({ name: `宕昌县某某乡镇人民政府第${i}号很长很长的单位名称用来试探字节上限`, flags }));
    const { text } = buildDigest({
      date: '2026-12-01',
      totals: { totalUnits: 620, onboarded: 97, laggards: 500 },
      previous: { date: '2026-11-30', totalUnits: 620, onboarded: 95, laggards: 503 },
      byCategory,
      laggards,
      link: 'https://zw.example.gov.cn/laggards',
      maxBytes: MESSAGE_MAX_BYTES.wecom,
    });
    expect(byteLength(text)).toBeLessThanOrEqual(4096);
    expect(byteLength(text)).toBeGreaterThan(3500); // it fills the message rather than stopping early
    const shown = (text.match(/第\d+号/g) ?? []).length;
    expect(text).toContain(`…另有 ${500 - shown} 个单位`);
    expect(text.trimEnd().endsWith('[查看落后单位](https://zw.example.gov.cn/laggards)')).toBe(true);
    expect(text).toContain('完成率 **15.6%**');
    expect(text).toContain('较上次（2026-11-30）：完成 +2 个，落后单位 -3 个。');
    expect(text).toContain('1. 宕昌县某某乡镇人民政府第0号很长很长的单位名称用来试探字节上限：拒绝布线已 31 天；多次推迟（首次推迟已 12 天）；布线逾期 4 天');
    // the robot's JSON carries it as is
    expect(JSON.parse(robotBody('wecom', { title: 'x', text })).markdown.content).toBe(text);
  });

  it('lists every laggard when they fit, and says so when there is none', () => {
    const few = buildDigest({ date: '2026-12-01', totals: { totalUnits: 8, onboarded: 5, laggards: 2 }, byCategory, laggards: [{ name: '甲', flags }, { name: '乙*[注入](x)', flags }], maxBytes: 4096 });
    expect(few.text).not.toContain('另有');
    expect(few.text).toContain('2. 乙＊［注入］(x)');
    const none = buildDigest({ date: '2026-12-01', totals: { totalUnits: 8, onboarded: 8, laggards: 0 }, byCategory, laggards: [], maxBytes: 4096 });
    expect(none.text).toContain('目前没有进度落后的单位。');
  });
});

describe('the delivery rules', () => {
  it('wait 30 s, then twice as long each time, at most an hour, and give up after a day', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 30].map(retryWait)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(nextTry(0, 1, 1000)).toBe(31_000);
    expect(nextTry(0, 30, DELIVERY_RULE.giveUpAfterMs - 1000)).toBeNull();
  });

  it('allow 20 sends in any minute per robot', () => {
    const now = 1_000_000;
    expect(rateRoom([], now).room).toBe(20);
    expect(rateRoom(Array(20).fill(now - 59_999), now).room).toBe(0);
    expect(rateRoom(Array(20).fill(now - 60_000), now)).toEqual({ kept: [], room: 20 });
  });

  it('read an answer: sent, retried, rate-limited or failed', () => {
    expect(outcomeOf({ status: 200, errcode: 0 })).toBe('sent');
    expect(outcomeOf({ status: 200, errcode: 45009 })).toBe('rate_limited');
    expect(outcomeOf({ status: 200, errcode: 130101 })).toBe('rate_limited');
    expect(outcomeOf({ status: 429 })).toBe('rate_limited');
    expect(outcomeOf({ status: null })).toBe('retry');
    expect(outcomeOf({ status: 503 })).toBe('retry');
    expect(outcomeOf({ status: 302 })).toBe('failed');
    expect(outcomeOf({ status: 200, errcode: 93000 })).toBe('failed');
    expect(outcomeOf({ status: 200 })).toBe('failed');
  });

  it('raise an alert for a refusal, a rejection, and only the postponement that reaches the limit', () => {
    expect(alertForStep('wiring.refused', 0, 2)).toBe('wiring_refused');
    expect(alertForStep('registration.rejected', 0, 2)).toBe('registration_rejected');
    expect([1, 2, 3].map((n) => alertForStep('connection.postponed', n, 2))).toEqual([null, 'postponement_limit', null]);
    expect(alertForStep('wiring.started', 2, 2)).toBeNull();
  });
});

describe('webhook addresses', () => {
  const allowed = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com', '127.0.0.1', 'localhost'];
  it('are masked to host and path', () => {
    expect(maskWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****');
    expect(maskWebhook('https://oapi.dingtalk.com/robot/send?access_token=abc&x=1')).toBe('https://oapi.dingtalk.com/robot/send?access_token=****&x=****');
  });
  it('take HTTPS to an allowed host, and plain HTTP only on this machine', () => {
    expect(webhookProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'wecom', allowed)).toBeNull();
    expect(webhookProblem('https://oapi.dingtalk.com/robot/send?access_token=t', 'dingtalk', allowed)).toBeNull();
    expect(webhookProblem('http://127.0.0.1:8080/cgi-bin/webhook/send?key=k', 'wecom', allowed)).toBeNull();
    expect(webhookProblem('http://localhost:8080/robot/send?access_token=t', 'dingtalk', allowed)).toBeNull();
    expect(webhookProblem('http://oapi.dingtalk.com/robot/send?access_token=t', 'dingtalk', allowed)).toMatch(/https/);
    expect(webhookProblem('https://oapi.dingtalk.com/robot/send?access_token=t', 'dingtalk', ['qyapi.weixin.qq.com'])).toMatch(/not allowed/);
    expect(webhookProblem('https://[::ffff:192.168.0.1]/robot/send?access_token=t', 'dingtalk', ['::ffff:c0a8:1'])).toMatch(/private/);
  });
  it('take HTTPS on port 443 only; a loopback test host keeps any port', () => {
    const wecom = (host: string) => webhookProblem(`https://${host}/cgi-bin/webhook/send?key=k`, 'wecom', allowed);
    expect(wecom('qyapi.weixin.qq.com:443')).toBeNull();
    expect(wecom('qyapi.weixin.qq.com:42512')).toMatch(/port 443/);
    expect(wecom('qyapi.weixin.qq.com:0')).toMatch(/port 443/);
    expect(wecom('qyapi.weixin.qq.com:80')).toMatch(/port 443/);
    expect(wecom('127.0.0.1:8443')).toBeNull();
    expect(wecom('localhost:0')).toBeNull();
  });
  // Each range a robot cannot live at, written as an address the host list allows (so that it is
  // refused for what it is, not for being unlisted), and as what the DNS could answer for a name.
  const notUnicast: [range: string, ip: string][] = [
    ['IPv4 private', '10.1.2.3'],
    ['IPv4 carrier NAT', '100.64.0.1'],
    ['IPv4 link-local (cloud metadata)', '169.254.169.254'],
    ['IPv4 reserved (TEST-NET)', '192.0.2.1'],
    ['IPv4 broadcast', '255.255.255.255'],
    ['IPv4 unspecified', '0.0.0.0'],
    ['IPv4 multicast', '224.0.0.1'],
    ['IPv4-mapped private', '::ffff:192.168.0.1'],
    ['NAT64 well-known prefix 64:ff9b::/96', '64:ff9b::a00:1'],
    ['NAT64 local-use 64:ff9b:1::/48', '64:ff9b:1::a00:1'],
    ['6to4 2002::/16 of a private IPv4', '2002:c0a8:1::1'],
    ['IPv4-compatible ::a.b.c.d', '::10.0.0.1'],
    ['IPv4-compatible ::a.b.c.d of a public IPv4', '::8.8.8.8'],
    ['site-local fec0::/10', 'fec0::1'],
    ['unique local fc00::/7', 'fd00::1'],
    ['link-local fe80::/10', 'fe80::1'],
    ['multicast ff00::/8', 'ff02::1'],
    ['Teredo 2001::/32', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['documentation 2001:db8::/32', '2001:db8::1'],
    ['unspecified ::', '::'],
  ];
  for (const [range, ip] of notUnicast) {
    it(`refuse ${range} (${ip}) as written and as resolved`, () => {
      const host = ip.includes(':') ? `[${ip}]` : ip;
      const listed = [...allowed, ip, new URL(`https://${host}/`).hostname.replace(/^\[|\]$/g, '')];
      expect(webhookProblem(`https://${host}/cgi-bin/webhook/send?key=k`, 'wecom', listed)).toMatch(/private or reserved/);
      expect(addressProblem('qyapi.weixin.qq.com', ip)).toMatch(/private address/);
    });
  }
  it('allow a public unicast address, IPv4 or IPv6, and the IPv4-mapped form of a public one', () => {
    for (const ip of ['101.91.22.57', '2408:8000::1', '::ffff:101.91.22.57']) expect(addressProblem('qyapi.weixin.qq.com', ip), ip).toBeNull();
    expect(webhookProblem('https://101.91.22.57/cgi-bin/webhook/send?key=k', 'wecom', ['101.91.22.57'])).toBeNull();
  });
  it('keep loopback for a loopback name only', () => {
    expect(addressProblem('localhost', '127.0.0.1')).toBeNull();
    expect(addressProblem('localhost', '::1')).toBeNull();
    expect(addressProblem('localhost', '::ffff:127.0.0.1')).toBeNull();
    expect(addressProblem('qyapi.weixin.qq.com', '127.0.0.1')).toMatch(/loopback/);
    expect(addressProblem('qyapi.weixin.qq.com', '::1')).toMatch(/loopback/);
    // the dotted IPv4-compatible form of a loopback address is no loopback (and no robot)
    expect(addressProblem('localhost', '::127.0.0.1')).toMatch(/private address/);
  });
});
