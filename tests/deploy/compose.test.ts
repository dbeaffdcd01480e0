// docker compose cannot run on these machines (no Docker engine): these checks hold the compose
// file and the Dockerfile to what the tests run, so that they do not drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Env } from '../../server/config.js';

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

  it('starts the server with the command the tests start it with', () => {
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "server\/main\.ts"\]$/m);
    expect(readFileSync('tests/helpers/server-process.ts', 'utf8')).toContain("'--import', 'tsx', 'server/main.ts'");
  });

  it('copies every folder the server loads at run time, and the built dashboard', () => {
    for (const folder of ['server', 'db', 'shared', 'web/dist', 'node_modules']) {
      expect(dockerfile, folder).toMatch(new RegExp(`^COPY --from=build --chown=node:node /app/${folder} \\./${folder}$`, 'm'));
    }
  });
});
