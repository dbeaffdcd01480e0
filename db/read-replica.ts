// Reads that tolerate a moment's lag, on a streaming replica (DATABASE_READ_URL), with the
// primary as their fallback: while the replica does not answer, or is more than
// READ_MAX_LAG_SECONDS behind, those reads go to the primary; once it is back, they return.
import type { Sql } from 'postgres';

export interface ReadStatus {
  /** where the replica-routed reads go now */
  to: 'replica' | 'primary';
  /** why they go to the primary */
  reason?: 'replica_unreachable' | 'replica_lagging' | 'replica_not_checked';
  /** how far behind the primary the replica's data is, at most (null: unknown) */
  lagSeconds: number | null;
  maxLagSeconds: number;
  /** when the replica was last checked */
  checkedAt: string | null;
}

export interface ReadRouting {
  status(): ReadStatus;
  /** checks the replica now (it is also checked every CHECK_MS) */
  check(): Promise<ReadStatus>;
  /** a change of where reads go, for the log */
  onChange(listener: (status: ReadStatus, previous: ReadStatus) => void): void;
  /** the primary and the replica behind one client: each query goes where the routing says */
  route(replica: Sql, primary: Sql): Sql;
  close(): Promise<void>;
}

const CHECK_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;

/** errors that say the replica cannot be reached: mark it down and ask the primary */
const UNREACHABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now (starting up)
]);
const isUnreachable = (code: string) => UNREACHABLE.has(code) || code.startsWith('08');
/**
 * errors worth answering from the primary with the replica kept: a standby cancels a query that
 * conflicts with the WAL it replays (40001, 'conflict with recovery'), and refuses a write
 * (25006) that slipped onto the read path
 */
const RETRY_ON_PRIMARY = new Set(['40001', '25006']);
const codeOf = (err: unknown) => String((err as { code?: unknown })?.code ?? '');

/** 'X/Y' (hex halves) as one number, to compare positions in the WAL */
const lsn = (text: string) => {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
};

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'CONNECT_TIMEOUT' })), ms).unref())]);
}

export function openReadRouting(opts: {
  /** one connection to each, of their own: a check never waits behind a long report */
  replicaProbe: Sql;
  primaryProbe: Sql;
  maxLagSeconds: number;
  checkMs?: number;
}): ReadRouting {
  const { replicaProbe, primaryProbe, maxLagSeconds } = opts;
  let current: ReadStatus = { to: 'primary', reason: 'replica_not_checked', lagSeconds: null, maxLagSeconds, checkedAt: null };
  const listeners: ((s: ReadStatus, p: ReadStatus) => void)[] = [];
  const set = (next: ReadStatus) => {
    const previous = current;
    current = next;
    if (previous.to !== next.to || previous.reason !== next.reason) for (const l of listeners) l(next, previous);
  };
  const down = () => set({ to: 'primary', reason: 'replica_unreachable', lagSeconds: null, maxLagSeconds, checkedAt: new Date().toISOString() });

  // The primary's WAL position over the last moments: the replica has everything the primary
  // had committed at a sample's time once it has replayed past that sample's position. This
  // bounds the lag also when the primary is idle, where now() - pg_last_xact_replay_timestamp()
  // (the commit time of the last replayed transaction) grows without the replica being behind.
  const samples: { at: number; lsn: bigint }[] = [];
  const keepMs = (maxLagSeconds + 10) * 1000;

  async function check(): Promise<ReadStatus> {
    const at = Date.now();
    try {
      const [p] = await timeout(primaryProbe`select pg_current_wal_lsn()::text as lsn`, PROBE_TIMEOUT_MS);
      samples.push({ at, lsn: lsn(p.lsn) });
      while (samples.length > 2 && samples[0].at < at - keepMs) samples.shift();
    } catch {
      /* the primary's own troubles show in /readyz; judge the replica by its replay time alone */
    }
    let r;
    try {
      [r] = await timeout(
        replicaProbe`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed,
          extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as behind`,
        PROBE_TIMEOUT_MS,
      );
    } catch {
      down();
      return current;
    }
    let lag: number | null;
    if (!r.standby) lag = 0; // a server that is not replaying (DATABASE_READ_URL names a primary)
    else {
      const replayed = r.replayed ? lsn(r.replayed) : -1n;
      const caughtUp = [...samples].reverse().find((s) => s.lsn <= replayed);
      if (caughtUp) lag = caughtUp.at === at ? 0 : (Date.now() - caughtUp.at) / 1000;
      else lag = r.behind === null ? null : Number(r.behind);
    }
    const checkedAt = new Date().toISOString();
    const lagSeconds = lag === null ? null : Math.round(lag * 1000) / 1000;
    if (lag !== null && lag <= maxLagSeconds) set({ to: 'replica', lagSeconds, maxLagSeconds, checkedAt });
    else set({ to: 'primary', reason: 'replica_lagging', lagSeconds, maxLagSeconds, checkedAt });
    return current;
  }

  let running: Promise<ReadStatus> | undefined;
  const checkOnce = () => (running ??= check().finally(() => (running = undefined)));
  const timer = setInterval(() => void checkOnce(), opts.checkMs ?? CHECK_MS);
  timer.unref();

  /** answers from the replica when it is in use, else (or when it fails on the way) from the primary */
  async function onEither<T>(run: (sql: Sql) => Promise<T>, replica: Sql, primary: Sql): Promise<T> {
    if (current.to !== 'replica') return run(primary);
    try {
      return await run(replica);
    } catch (err) {
      const code = codeOf(err);
      if (isUnreachable(code)) down();
      else if (!RETRY_ON_PRIMARY.has(code)) throw err;
      return run(primary);
    }
  }

  function route(replica: Sql, primary: Sql): Sql {
    return new Proxy(replica, {
      get(target, key, receiver) {
        if (key === 'unsafe') {
          // drizzle awaits the query, or calls .values() on it first: the same, lazily, on either
          return (query: string, args?: unknown[], options?: Record<string, unknown>) => {
            let values = false;
            let result: Promise<unknown> | undefined;
            const run = () =>
              (result ??= onEither((sql) => {
                const q = sql.unsafe(query, args as never[], options);
                return (values ? q.values() : q) as Promise<unknown>;
              }, replica, primary));
            const pending = {
              values() {
                values = true;
                return pending;
              },
              then: (ok?: (v: unknown) => unknown, bad?: (e: unknown) => unknown) => run().then(ok, bad),
              catch: (bad: (e: unknown) => unknown) => run().catch(bad),
              finally: (f: () => void) => run().finally(f),
            };
            return pending;
          };
        }
        if (key === 'begin') {
          // a read transaction runs again, whole, on the primary
          return (...a: unknown[]) => onEither((sql) => (sql.begin as (...x: unknown[]) => Promise<unknown>)(...a), replica, primary);
        }
        return Reflect.get(target, key, receiver);
      },
    });
  }

  return {
    status: () => current,
    check: checkOnce,
    onChange: (l) => void listeners.push(l),
    route,
    async close() {
      clearInterval(timer);
      await Promise.all([replicaProbe.end({ timeout: 2 }), primaryProbe.end({ timeout: 2 })]);
    },
  };
}
