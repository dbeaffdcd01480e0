// Configuration from the environment, validated once at start.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /**
   * a streaming replica of DATABASE_URL for the reads that tolerate a moment's lag (reports,
   * exports, the audit log and the step feed); see docs/scaling.md
   */
  DATABASE_READ_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** how far behind the replica may be (pg_last_xact_replay_timestamp) before those reads go to the primary */
  READ_MAX_LAG_SECONDS: z.coerce.number().min(0.1).max(86_400).default(30),
  DATA_DIR: z.string().default('./data'),
  /**
   * connections to PostgreSQL per process, and the reports' own besides. Small on purpose: on
   * the 2-core bench machine 4 connections wrote 1,522-1,779 steps/s and 10 wrote 1,340-1,534
   * (PostgreSQL's backends compete with the server for the cores).
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
  REPORTS_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(2),
  // the embedded database's buffer pool (db/client.ts says why it is small)
  PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(1).max(1024).default(16),
  BOOTSTRAP_ADMIN_USERNAME: z.string().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(8, 'BOOTSTRAP_ADMIN_PASSWORD needs at least 8 characters').optional(),
  /** minutes without a request after which a session ends */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(8 * 60),
  /** hours after login after which a session ends whatever its use */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(7 * 24),
  /** seconds between sweeps that delete the rows of ended sessions */
  SESSION_SWEEP_SECONDS: z.coerce.number().min(0.1).max(86_400).default(600),
  /** set when served over HTTPS (behind a proxy that terminates TLS) */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** the public origin when behind a proxy, e.g. https://zw.example.gov.cn; else taken from Host */
  PUBLIC_ORIGIN: z.string().url().optional(),
  /**
   * whom to believe about the client's address (X-Forwarded-For): `false`; `true`, every proxy
   * (then a client can name any address); a number of proxy hops; or the proxies' addresses or
   * CIDR ranges, comma-separated. The last two take the address the nearest trusted proxy saw.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const t = v.trim();
      if (t === 'true' || t === 'false') return t === 'true';
      if (/^\d{1,2}$/.test(t)) return Number(t);
      const list = t.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.length && list.every((s) => isIP(s.split('/')[0]) !== 0)) return list;
      ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY must be true, false, a number of hops, or proxy addresses (CIDR allowed), comma-separated' });
      return z.NEVER;
    }),
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** log2 of scrypt's cost; 15 = 32 MiB and ~100 ms a hash. Tests lower it. */
  PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(15),
  /** seconds between keep-alive comments on a live stream; each also checks that its session lives */
  LIVE_HEARTBEAT_SECONDS: z.coerce.number().min(0.1).max(300).default(25),
  /** hosts the notification robots may be at, comma-separated (default: WeChat Work's and DingTalk's official hosts) */
  NOTIFY_ALLOWED_HOSTS: z
    .string()
    .default('qyapi.weixin.qq.com,oapi.dingtalk.com')
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter(Boolean)),
  /** how long a robot has to answer */
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** how often each process looks for messages due */
  NOTIFY_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  /** a streaming replica for the reads that tolerate lag, and how much */
  readReplica?: { url: string; maxLagSeconds: number };
  dataDir: string;
  databasePoolSize: number;
  reportsPoolSize: number;
  pgliteSharedBuffersMb: number;
  bootstrapAdmin?: { username: string; password: string };
  sessionIdleMs: number;
  sessionMaxMs: number;
  sessionSweepMs: number;
  cookieSecure: boolean;
  publicOrigin?: string;
  trustProxy: boolean | number | string[];
  login: { maxPerUser: number; maxPerIp: number; windowMs: number };
  passwordCost: number;
  liveHeartbeatMs: number;
  logLevel: string;
  notify: { allowedHosts: string[]; timeoutMs: number; pollMs: number };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Configuration is not valid:\n${lines}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new Error('Configuration is not valid:\n  DATABASE_READ_URL: a read replica needs DATABASE_URL (the embedded database has none)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    readReplica: e.DATABASE_READ_URL ? { url: e.DATABASE_READ_URL, maxLagSeconds: e.READ_MAX_LAG_SECONDS } : undefined,
    dataDir: resolve(e.DATA_DIR),
    databasePoolSize: e.DATABASE_POOL_SIZE,
    reportsPoolSize: e.REPORTS_POOL_SIZE,
    pgliteSharedBuffersMb: e.PGLITE_SHARED_BUFFERS_MB,
    bootstrapAdmin:
      e.BOOTSTRAP_ADMIN_USERNAME && e.BOOTSTRAP_ADMIN_PASSWORD
        ? { username: e.BOOTSTRAP_ADMIN_USERNAME, password: e.BOOTSTRAP_ADMIN_PASSWORD }
        : undefined,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    sessionSweepMs: e.SESSION_SWEEP_SECONDS * 1000,
    cookieSecure: e.COOKIE_SECURE,
    publicOrigin: e.PUBLIC_ORIGIN?.replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY,
    login: { maxPerUser: e.LOGIN_MAX_FAILURES_PER_USER, maxPerIp: e.LOGIN_MAX_FAILURES_PER_IP, windowMs: e.LOGIN_WINDOW_MINUTES * 60_000 },
    passwordCost: e.PASSWORD_COST,
    liveHeartbeatMs: e.LIVE_HEARTBEAT_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    notify: { allowedHosts: e.NOTIFY_ALLOWED_HOSTS, timeoutMs: e.NOTIFY_TIMEOUT_MS, pollMs: e.NOTIFY_POLL_SECONDS * 1000 },
  };
}
