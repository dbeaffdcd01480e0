// The request log, as main.ts configures it: one line per request with its id, and no password,
// cookie or session id in it, whatever the request carried.
import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../server/app.js';
import { loggerOptions } from '../../server/logger.js';
import { PASSWORD, uniq } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';

const written: string[] = [];
const test = appTest({}, { logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => written.push(line) } } });

const entries = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the request log', () => {
  test('has one line per request, with its id, status and time, and never a secret', async ({ t, office }) => {
    written.length = 0;
    const token = office.cookie.split('=')[1];
    const sessionId = createHash('sha256').update(token).digest('hex');
    const newPassword = 'a-brand-new-secret-9';
    const wrongPassword = 'not-the-password-7';

    const answers = [
      await office.get('/api/units'),
      await office.post('/api/users', { username: uniq('li-'), displayName: '李工', role: 'technician', password: newPassword }),
      await t.anonymous.post('/api/auth/login', { username: office.user.username, password: wrongPassword }),
      await t.anonymous.post('/api/auth/login', { username: office.user.username, password: PASSWORD }),
      await office.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 201, 401, 200, 200]);

    const requests = entries().filter((e) => e.msg === 'request');
    expect(requests).toHaveLength(answers.length);
    expect(new Set(requests.map((e) => e.reqId)).size).toBe(answers.length);
    expect(requests.map((e) => [e.method, e.url, e.status])).toEqual([
      ['GET', '/api/units', 200],
      ['POST', '/api/users', 201],
      ['POST', '/api/auth/login', 401],
      ['POST', '/api/auth/login', 200],
      ['GET', '/api/auth/me', 200],
    ]);
    for (const e of requests) expect(typeof e.ms).toBe('number');
    expect(requests[0].user).toBe(office.user.id);

    const log = written.join('');
    for (const secret of [PASSWORD, newPassword, wrongPassword, token, sessionId]) expect(log).not.toContain(secret);
  });

  test('logs a failed query by its SQL and the database\'s message, never by its parameters', async ({ t }) => {
    const lines: string[] = [];
    const app = await buildApp({
      config: t.config,
      database: t.database,
      logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => lines.push(line) } },
    });
    const secret = 'a-session-id-3f9a';
    app.get('/boom', async () => app.database.db.execute(sql`select ${secret}::int`));
    try {
      expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
      const log = lines.join('');
      expect(log).toContain('select $1::int');
      expect(log).toContain('invalid input syntax for type integer');
      expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
