// Where a benchmark runs: a throwaway PostgreSQL database (dropped afterwards unless kept), one
// kept from an earlier run (`--reuse`), or PGlite in memory (`--embedded`).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface BenchTarget {
  /** the PostgreSQL URL; undefined for PGlite */
  url?: string;
  /** the database this run made, to name and drop */
  made?: string;
  /** drops (or keeps) what this run made */
  done(): Promise<void>;
}

export async function benchTarget(args: { server: string; reuse?: string; embedded?: boolean; keep?: boolean }, prefix: string): Promise<BenchTarget> {
  const at = (name: string) => {
    const u = new URL(args.server);
    u.pathname = `/${name}`;
    return u.toString();
  };
  if (args.reuse) return { url: at(args.reuse), done: async () => {} };
  if (args.embedded) return { done: async () => {} };
  const made = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(args.server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${made}`);
  return {
    url: at(made),
    made,
    async done() {
      if (!args.keep) await admin.unsafe(`drop database if exists ${made} with (force)`);
      else console.log(`kept database ${made}`);
      await admin.end();
    },
  };
}
