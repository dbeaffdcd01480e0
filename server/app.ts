// The tracker as one Fastify plugin tree: external plugins, then ours, then routes.
// `main.ts` only opens the database and listens; tests build this with `app.inject`.
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import type { Config } from './config.js';
import { logController } from './logger.js';
import { literalBadEscapes, pathOf } from './lib/url.js';
import errors from './plugins/errors.js';
import headers from './plugins/headers.js';
import text from './plugins/text.js';
import auth from './plugins/auth.js';
import scope from './plugins/scope.js';
import docs from './plugins/docs.js';
import live from './plugins/live.js';
import dashboard from './plugins/dashboard.js';
import healthRoutes from './features/health/health.routes.js';
import authRoutes from './features/auth/auth.routes.js';
import usersRoutes from './features/users/users.routes.js';
import unitsRoutes from './features/units/units.routes.js';
import importRoutes from './features/units/import.routes.js';
import stepsRoutes from './features/steps/steps.routes.js';
import settingsRoutes from './features/settings/settings.routes.js';
import auditRoutes from './features/audit/audit.routes.js';
import liveRoutes from './features/live/live.routes.js';
import reportsRoutes from './features/reports/reports.routes.js';
import areasRoutes from './features/areas/areas.routes.js';
import notify, { type NotifyOptions } from './features/notify/notify.plugin.js';
import noticesRoutes from './features/notices/notices.routes.js';
import displayRoutes from './features/display/display.routes.js';
import trainingRoutes from './features/training/training.routes.js';
import bulletinsRoutes from './features/reports/bulletins.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
  }
}

export const JSON_BODY_LIMIT = 1024 * 1024;

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp({
  config,
  database,
  logger,
  notify: notifyOptions = {},
}: {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** the notification sender's clock and transport (tests) */
  notify?: NotifyOptions;
}) {
  const app = Fastify({
    logger: logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    // a number of hops as Fastify's own rule for one: believe the nearest n addresses
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    logController,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // no id is refused for its length by the router (414, before login and role checks): an id
    // that names nothing is a 404 whatever its shape (Node caps the whole URL at 16 KiB)
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16 * 1024 },
    // a malformed %-escape in a path is taken literally, to reach its route like any other id
    rewriteUrl: (req) => literalBadEscapes(req.url ?? '/'),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('database', database);

  await app.register(errors);
  await app.register(text);
  await app.register(headers);
  // While closing, an answer to a request in flight also closes its keep-alive connection:
  // otherwise the server would wait out the client's idle connection before it could stop.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (req, reply) => {
    if (pathOf(req.url).startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (closing) reply.header('connection', 'close');
  });
  await app.register(auth);
  // after auth's role check: a scoped caller's ids outside its scope are 404s
  await app.register(scope);
  await app.register(docs);
  await app.register(live);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(unitsRoutes);
  await app.register(importRoutes);
  await app.register(stepsRoutes);
  await app.register(settingsRoutes);
  await app.register(auditRoutes);
  await app.register(liveRoutes);
  await app.register(reportsRoutes);
  await app.register(areasRoutes);
  await app.register(notify, notifyOptions);
  await app.register(noticesRoutes);
  await app.register(displayRoutes);
  await app.register(trainingRoutes);
  await app.register(bulletinsRoutes);
  await app.register(dashboard);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
