// One POST to a robot: node's own http(s) client, so that redirects are never followed, the
// address the DNS gives is checked before connecting, the whole exchange has a deadline, and
// no more of the answer is read than fits the cap.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { addressProblem, isLoopbackAddress, isPrivateAddress } from './notify.address.js';

export interface TransportRequest {
  url: string;
  /** JSON text */
  body: string;
  timeoutMs: number;
  /** bytes of the answer kept; the rest is not read */
  maxAnswerBytes: number;
}

export interface TransportAnswer {
  /** null: no answer (network error, refused address, timeout) */
  status: number | null;
  /** the answer's text, cut at the cap; or why there was none */
  text: string;
}

export type Transport = (req: TransportRequest) => Promise<TransportAnswer>;

/** A lookup that refuses what addressProblem refuses. */
const guardedLookup =
  (host: string): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const bad = list.map((a) => addressProblem(host, a.address)).find(Boolean);
      if (bad) return callback(Object.assign(new Error(bad), { code: 'EADDRREFUSED' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };

export const httpTransport: Transport = (req) =>
  new Promise((resolve) => {
    const url = new URL(req.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // an address written as such is not looked up: judged here instead
    if (isIP(host) && isPrivateAddress(host) && !isLoopbackAddress(host)) return resolve({ status: null, text: 'a private address is refused' });
    const client = url.protocol === 'https:' ? https : http;
    const payload = Buffer.from(req.body, 'utf8');
    let done = false;
    const finish = (answer: TransportAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      resolve(answer);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length, accept: 'application/json' },
        lookup: guardedLookup(host),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept >= req.maxAnswerBytes) return;
          chunks.push(chunk.subarray(0, req.maxAnswerBytes - kept));
          kept += Math.min(chunk.length, req.maxAnswerBytes - kept);
          if (kept >= req.maxAnswerBytes) {
            finish({ status: res.statusCode ?? null, text: Buffer.concat(chunks).toString('utf8') });
            res.destroy();
          }
        });
        res.on('end', () => finish({ status: res.statusCode ?? null, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => finish({ status: null, text: `the answer broke off: ${err.message}` }));
      },
    );
    const deadline = setTimeout(() => {
      finish({ status: null, text: `no answer within ${req.timeoutMs} ms` });
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => finish({ status: null, text: err.code === 'EADDRREFUSED' ? err.message : `could not reach the robot: ${err.code ?? err.message}` }));
    request.end(payload);
  });
