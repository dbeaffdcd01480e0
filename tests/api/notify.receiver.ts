// A local imitation of both group robots, on 127.0.0.1 only: WeChat Work
// (/cgi-bin/webhook/send?key=…) and DingTalk (/robot/send?access_token=…, with 加签 checked
// by node:crypto, independently of the server's WebCrypto code). Each key answers from a script
// of behaviours, then "ok": rate-limited (45009 / 130101), 500, a hang past the timeout, a
// redirect, a bad address (93000), an answer far larger than the cap.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour = 'ok' | 'ratelimit' | '500' | 'hang' | 'redirect' | 'bad' | 'huge';

export interface Received {
  robot: 'wecom' | 'dingtalk';
  key: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
  /** the markdown as the group would read it */
  text: string;
  answered: Behaviour;
}

export async function startReceiver() {
  const received: Received[] = [];
  const scripts = new Map<string, Behaviour[]>();
  const secrets = new Map<string, string>();
  const sockets = new Set<Socket>();
  let elsewhere = 0;

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/elsewhere') {
        elsewhere++;
        return answer(res, 200, { errcode: 0, errmsg: 'ok' });
      }
      const robot = url.pathname === '/robot/send' ? 'dingtalk' : url.pathname === '/cgi-bin/webhook/send' ? 'wecom' : null;
      if (!robot || req.method !== 'POST') return answer(res, 404, { errcode: 404, errmsg: 'no such robot' });
      const key = url.searchParams.get(robot === 'wecom' ? 'key' : 'access_token') ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'];
      const script = scripts.get(key) ?? [];
      const behaviour = script.shift() ?? 'ok';
      received.push({ robot, key, query: url.searchParams, body, text: body.markdown?.content ?? body.markdown?.text ?? '', answered: behaviour });
      const secret = secrets.get(key);
      if (robot === 'dingtalk' && secret) {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
        // URLSearchParams has already decoded the sign once, as DingTalk does
        if (url.searchParams.get('sign') !== expected) return answer(res, 200, { errcode: 310000, errmsg: 'sign not match' });
      }
      switch (behaviour) {
        case 'ok':
          return answer(res, 200, { errcode: 0, errmsg: 'ok' });
        case 'ratelimit':
          return answer(res, 200, robot === 'wecom' ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 130101, errmsg: 'send too fast' });
        case '500':
          return answer(res, 500, 'Internal Server Error');
        case 'hang':
          return; // never answers: the sender's timeout must end it
        case 'redirect':
          res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` });
          return res.end();
        case 'bad':
          return answer(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
        case 'huge':
          return answer(res, 200, `{"errcode":0,"errmsg":"ok","pad":"${'x'.repeat(2_000_000)}"}`);
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    received,
    port,
    wecomUrl: (key: string) => `${base}/cgi-bin/webhook/send?key=${key}`,
    dingtalkUrl: (token: string) => `${base}/robot/send?access_token=${token}`,
    script(key: string, behaviours: Behaviour[]) {
      scripts.set(key, [...behaviours]);
    },
    sign(key: string, secret: string) {
      secrets.set(key, secret);
    },
    for: (key: string) => received.filter((r) => r.key === key),
    elsewhereHits: () => elsewhere,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
