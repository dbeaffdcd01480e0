// A robot that cannot be reached is said in words with its cause: the real transport's answers
// for a name not found, a refused connection, a TLS failure and a hang, read by robotCause.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from '../../server/features/notify/notify.transport.js';
import { BUSY_ANSWER, robotCause } from '../../shared/domain/robot-answer.js';
import { en } from '../../web/src/i18n/en.js';
import { zh } from '../../web/src/i18n/zh.js';
import { ROBOT_CAUSES } from '../../shared/domain/robot-answer.js';

let port = 0;
const server = createServer((_req, res) => {
  if (_req.url === '/hang') return; // never answers
  res.end('{}');
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const send = (url: string, timeoutMs = 3000) => httpTransport({ url, body: '{}', timeoutMs, maxAnswerBytes: 1000 });

describe('a robot that cannot be reached', () => {
  it('is a name not found, a refusal, a TLS failure or a timeout, each in words', async () => {
    expect(robotCause((await send('http://robot.invalid/cgi-bin/webhook/send?key=k')).text)).toBe('dns');
    // a port nobody listens on: the listening server's port, closed
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(robotCause((await send(`http://127.0.0.1:${closedPort}/x`)).text)).toBe('refused');
    // https spoken to a plain http server: the TLS handshake fails
    expect(robotCause((await send(`https://127.0.0.1:${port}/x`)).text)).toBe('tls');
    expect(robotCause((await send(`http://127.0.0.1:${port}/hang`, 300)).text)).toBe('timeout');
  });

  it('reads the robots\' own errors and the sender\'s notes', () => {
    expect(robotCause('HTTP 200 {"errcode":0,"errmsg":"ok"}')).toBe('ok');
    expect(robotCause('HTTP 200 {"errcode":93000,"errmsg":"invalid webhook url"}')).toBe('robot_key');
    expect(robotCause('HTTP 200 {"errcode":310000,"errmsg":"sign not match"}')).toBe('robot_security');
    expect(robotCause('gave up: not sent within 24 hours; last answer: could not reach the robot: ENOTFOUND')).toBe('dns');
    expect(robotCause(BUSY_ANSWER)).toBe('busy');
    expect(robotCause('not sent: host not allowed')).toBe('not_allowed');
    expect(robotCause(null)).toBeNull();
  });

  it('has Chinese and English words, with what to do, for every cause', () => {
    for (const cause of ROBOT_CAUSES) {
      expect(zh.robotAnswer[cause], cause).toMatch(/[\u4e00-\u9fff]/);
      expect(en.robotAnswer[cause], cause).toMatch(/[A-Za-z]/);
    }
    expect(zh.robotAnswer.dns).toContain('DNS');
    expect(zh.robotAnswer.tls).toContain('证书');
  });
});
