// The real app on a fresh database, and agents that call it as a given role.
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { FastifyServerOptions, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { users, units } from '../../db/schema/index.js';
import { hashPassword } from '../../server/lib/password.js';
import { usernameKey } from '../../shared/domain/usernames.js';
import { initialProgress } from '../../shared/domain/progress.js';
import type { Role } from '../../shared/domain/catalogue.js';
import { progressColumns } from '../../db/queries/units.js';
import { freshDatabase, type TestDatabase } from './database.js';

export const PASSWORD = 'correct horse 1';
const cheapHash = hashPassword(PASSWORD, 10);

export interface Agent {
  user: { id: string; username: string; displayName: string; role: Role; unitId: string | null; scope: string | null };
  cookie: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** How long ago `t.unit()`'s units were added, unless a test gives `createdAt`. */
export const UNIT_ADDED_DAYS_AGO = 120;

export interface TestApp {
  app: App;
  database: TestDatabase;
  config: Config;
  /** a user of that role, logged in; `scope`: an area code (the whole installation when absent) */
  as(role: Role, opts?: { unitId?: string; username?: string; scope?: string | null }): Promise<Agent>;
  /** requests with no session */
  anonymous: Omit<Agent, 'user' | 'cookie'>;
  /** a unit made straight in the database (fast fixture) */
  unit(fields?: Partial<typeof units.$inferInsert>): Promise<typeof units.$inferSelect>;
  close(): Promise<void>;
}

export const uniq = (prefix = '') => `${prefix}${randomBytes(4).toString('hex')}`;

function client(app: App, cookie?: string) {
  const request = (method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
    });
  return {
    request,
    get: (url: string) => request('GET', url),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => request('POST', url, body ?? {}, headers),
    patch: (url: string, body?: unknown) => request('PATCH', url, body ?? {}),
    put: (url: string, body?: unknown) => request('PUT', url, body ?? {}),
  };
}

export async function createTestApp(
  env: Record<string, string> = {},
  opts: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({ PASSWORD_COST: '10', DATA_DIR: '/nonexistent', ...env });
  const app = await buildApp({ config, database, logger: opts.logger });
  await app.ready();
  const passwordHash = await cheapHash;
  const unit: TestApp['unit'] = async (fields = {}) => {
    // added long before any due date or as-of day the tests set (UNIT_ADDED_DAYS_AGO): a unit
    // added after a due date is a late joiner, due from the day it was added ("The record",
    // tests/api/record.late-join.test.ts, which dates its units itself)
    const added = new Date(Date.now() - UNIT_ADDED_DAYS_AGO * 86_400_000);
    const [row] = await database.db
      .insert(units)
      .values({ code: uniq('U').toUpperCase(), name: `单位${uniq()}`, kind: 'department', createdAt: added, ...progressColumns(initialProgress(added.toISOString())), ...fields })
      .returning();
    return row;
  };

  return {
    app,
    database,
    config,
    anonymous: client(app),
    async as(role, opts = {}) {
      let unitId = opts.unitId ?? null;
      if (role === 'unit' && !unitId) unitId = (await unit()).id;
      const username = opts.username ?? uniq(`${role}-`);
      const [user] = await database.db
        .insert(users)
        .values({ username, usernameKey: usernameKey(username), displayName: `${role} ${username}`, role, unitId, scope: opts.scope ?? null, passwordHash })
        .returning();
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      return { user: { id: user.id, username, displayName: user.displayName, role, unitId, scope: user.scope }, cookie, ...client(app, cookie) };
    },
    unit,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The error body's code, asserting the contract's shape on the way. */
export function errorOf(res: LightMyRequestResponse): { code: string; message: string; details?: unknown } {
  const body = res.json() as { error?: { code: string; message: string; details?: unknown } };
  if (!body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not the contract's error body: ${res.body}`);
  }
  return body.error;
}

/**
 * Dates units made through the API (created now) back to UNIT_ADDED_DAYS_AGO, as `t.unit()`'s
 * are: for a test whose due dates lie in the past and is about something else than late joiners.
 */
export async function addedLongAgo(t: TestApp, ...ids: string[]): Promise<void> {
  const added = new Date(Date.now() - UNIT_ADDED_DAYS_AGO * 86_400_000).toISOString();
  for (const id of ids) await t.database.db.execute(sql`update units set created_at = ${added}::timestamptz where id = ${id}::uuid`);
}
