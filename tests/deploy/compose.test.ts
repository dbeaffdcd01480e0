// docker compose cannot run on these machines (no Docker engine): these checks hold the compose
// file and the Dockerfile to what the tests run, so that they do not drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Env } from '../../server/config.js';
import { freshStore, SERVER_ARGS, spawnServer, type ServerProcess } from '../helpers/server-process.js';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string | number>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}
const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = readFileSync('Dockerfile', 'utf8');
const { db, tracker } = compose.services;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 16 on a named volume, with a health check', () => {
    expect(db.image).toBe('postgres:16');
    const [volume, path] = db.volumes![0].split(':');
    expect(path).toBe('/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty(volume);
    expect(db.healthcheck!.test.join(' ')).toContain('pg_isready');
  });

  it('builds the tracker from the Dockerfile and starts it once the database is healthy', () => {
    expect(tracker.build).toBe('.');
    expect(tracker.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(tracker.healthcheck!.test.join(' ')).toContain('/readyz');
    expect(String(tracker.environment!.DATABASE_URL)).toMatch(/^postgres:\/\/zwtracker:\$\{POSTGRES_PASSWORD\}@db:5432\/zwtracker$/);
  });

  it('sets only variables the server knows, and listens where the port mapping points', () => {
    const known = Object.keys(Env.shape);
    for (const name of Object.keys(tracker.environment!)) expect(known, name).toContain(name);
    expect(tracker.environment!.HOST).toBe('0.0.0.0');
    expect(tracker.ports![0]).toMatch(new RegExp(`:${tracker.environment!.PORT}$`));
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs as a non-root user in another', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('starts the server with its CMD: the process answers /readyz and exits 0 on the SIGTERM of `docker stop`', { timeout: 150_000 }, async () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(cmd[0]).toBe('node');
    // the process tests (crash, graceful stop, browsers) start the server the same way
    expect(cmd.slice(1)).toEqual(SERVER_ARGS);
    const store = await freshStore();
    let server: ServerProcess | undefined;
    try {
      server = await spawnServer(store, {}, { args: cmd.slice(1) });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect(await server.stop()).toBe(0);
    } finally {
      await server?.kill();
      await store.drop();
    }
  });

  it('copies every folder the server loads at run time, and the built dashboard', () => {
    // the compiled server (no TypeScript in the image), the migrations' SQL it reads, package.json
    // by which it finds them (db/root.ts)
    expect(dockerfile).toMatch(/npm run build:server/);
    expect(dockerfile).toMatch(/^COPY --from=build --chown=node:node \/app\/package\.json \.\/$/m);
    for (const folder of ['dist/server', 'db/migrations', 'web/dist', 'node_modules']) {
      expect(dockerfile, folder).toMatch(new RegExp(`^COPY --from=build --chown=node:node /app/${folder} \\./${folder}$`, 'm'));
    }
  });
});

describe('docker-compose.yml, the scale profile', () => {
  const scale = compose.services as Record<string, Service & { profiles?: string[]; deploy?: { replicas: number }; command?: string[] | string; entrypoint?: string[] }>;
  const nginxSite = readFileSync('deploy/nginx.conf', 'utf8');

  it('adds nginx, the tracker scaled to 2 and a streaming replica, only in that profile', () => {
    for (const name of ['nginx', 'trackers', 'db-replica']) expect(scale[name].profiles, name).toEqual(['scale']);
    expect(scale.tracker.profiles).toBeUndefined();
    expect(scale.trackers.deploy!.replicas).toBe(2);
    expect(scale.trackers.build).toBe('.');
    expect(scale.trackers.ports).toBeUndefined(); // reached through nginx only
  });

  it('points the trackers at the primary and the replica, behind one proxy, with variables the server knows', () => {
    const env = scale.trackers.environment!;
    const known = Object.keys(Env.shape);
    for (const name of Object.keys(env)) expect(known, name).toContain(name);
    expect(env.DATABASE_URL).toBe(tracker.environment!.DATABASE_URL);
    expect(String(env.DATABASE_READ_URL)).toMatch(/@db-replica:5432\/zwtracker$/);
    expect(String(env.TRUST_PROXY)).toBe('1');
    expect(scale.trackers.depends_on).toMatchObject({ db: { condition: 'service_healthy' }, 'db-replica': { condition: 'service_healthy' } });
    expect(scale.trackers.healthcheck!.test.join(' ')).toContain('/readyz');
  });

  it('makes the replica a standby of db by a base backup, which db allows', () => {
    const script = String(scale['db-replica'].command);
    expect(script).toMatch(/pg_basebackup -D \/var\/lib\/postgresql\/data -R -X stream .*-h db -U zwtracker/);
    expect(script).toContain('hot_standby=on');
    expect(scale['db-replica'].image).toBe(db.image);
    expect(compose.volumes).toHaveProperty(scale['db-replica'].volumes![0].split(':')[0]);
    expect(scale.db.command).toEqual(['postgres', '-c', 'hba_file=/etc/postgresql/pg_hba.conf']);
    expect(db.volumes).toContain('./deploy/postgres/pg_hba.conf:/etc/postgresql/pg_hba.conf:ro');
    expect(readFileSync('deploy/postgres/pg_hba.conf', 'utf8')).toMatch(/^host\s+replication\s+all\s+all\s+scram-sha-256$/m);
  });

  it('mounts deploy/nginx.conf, whose upstream and port are the trackers and the port mapping', () => {
    expect(scale.nginx.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    const upstream = /# servers: begin\s+server (\S+):(\d+) /.exec(nginxSite)!;
    expect(upstream[1]).toBe('trackers');
    expect(upstream[2]).toBe(String(scale.trackers.environment!.PORT));
    const listen = /# listen: begin\s+listen (\d+);/.exec(nginxSite)![1];
    expect(scale.nginx.ports![0]).toMatch(new RegExp(`:${listen}$`));
  });

  it('configures nginx as the server needs: SSE unbuffered and long, the import body limit, the client address', async () => {
    const { IMPORT_BODY_LIMIT } = await import('../../server/features/units/import.routes.js');
    expect(nginxSite).toMatch(new RegExp(`client_max_body_size ${IMPORT_BODY_LIMIT / 1024 / 1024}m;`));
    const live = /location = \/api\/live \{([^}]*)\}/.exec(nginxSite)![1];
    expect(live).toContain('proxy_buffering off;');
    expect(live).toContain('proxy_read_timeout 1h;');
    expect(nginxSite).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(nginxSite).toMatch(/gzip_types [^;]*application\/javascript/);
    expect(nginxSite).toMatch(/max_fails=\d+ fail_timeout=\d+s/);
  });
});
