// Every application table hashed, so that a test can prove a refused request wrote nothing.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { usernameKey } from '../../../shared/domain/usernames.js';

/** Columns that change on a read: a session's idle clock moves at most once a minute on use. */
const VOLATILE: Record<string, string[]> = { sessions: ['last_seen_at'] };

export type Snapshot = Record<string, string>;

interface AuditRow {
  action: string;
  target: string | null;
  actor_id: string | null;
}

export async function hashTables({ db }: Database) {
  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
    return Array.isArray(result) ? result : result.rows;
  }
  const tables = (await rows<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.name);

  /** One digest per table over every column of every row (order-independent); the audit log up to a row id if given. */
  async function snapshot(auditUpTo?: number): Promise<Snapshot> {
    const parts = tables.map((name) => {
      const drop = (VOLATILE[name] ?? []).map((c) => ` - '${c}'`).join('');
      const where = name === 'audit' && auditUpTo !== undefined ? ` where x.id <= ${auditUpTo}` : '';
      return `select '${name}' as name, count(*) || ':' || md5(coalesce(string_agg(r, E'\\n' order by r), '')) as digest
        from (select (to_jsonb(x)${drop})::text as r from "${name}" x${where}) s`;
    });
    const found = await rows<{ name: string; digest: string }>(sql.raw(parts.join(' union all ')));
    return Object.fromEntries(found.map((r) => [r.name, r.digest]));
  }

  const changedTables = (a: Snapshot, b: Snapshot) => tables.filter((n) => a[n] !== b[n]).sort();

  const auditMax = async () => (await rows<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from audit`))[0].n;

  /**
   * What a refused request changed, as a list of complaints (empty: nothing). The documented
   * exception: a login refused with 401 or 429 appends exactly one audit row for that username
   * (login throttling counts them, server/features/auth/auth.routes.ts).
   */
  async function changesAfterRefusal(before: Snapshot, beforeAudit: number, routeKey: string, status: number, body: unknown): Promise<string[]> {
    const after = await snapshot();
    const changed = changedTables(before, after);
    if (changed.length === 0) return [];
    const complaints = changed.filter((n) => n !== 'audit').map((n) => `${n} changed (${before[n]} → ${after[n]})`);
    if (changed.includes('audit')) {
      const added = await rows<AuditRow>(sql`select action, target, actor_id from audit where id > ${beforeAudit} order by id`);
      const old = (await snapshot(beforeAudit)).audit;
      if (old !== before.audit) complaints.push('audit rows that existed before were changed');
      // audited by the username's key (shared/domain/usernames.ts), as the login counts it
      const username = typeof (body as { username?: unknown })?.username === 'string' ? usernameKey((body as { username: string }).username) : undefined;
      // a wrong current password when changing one's own (400) is a failed login for the caller's name
      const ownPassword = routeKey === 'POST /api/auth/password';
      const failed = status === 401 || (ownPassword && status === 400);
      const expected = routeKey === 'POST /api/auth/login' || ownPassword ? (failed ? 'auth.login_failed' : status === 429 ? 'auth.login_throttled' : undefined) : undefined;
      const allowed = expected !== undefined && added.length === 1 && added[0].action === expected && (ownPassword || added[0].target === username) && added[0].actor_id === null;
      if (!allowed) complaints.push(`audit gained ${JSON.stringify(added)}`);
    }
    return complaints;
  }

  return { tables, rows, snapshot, changedTables, auditMax, changesAfterRefusal };
}

export type TableHasher = Awaited<ReturnType<typeof hashTables>>;
