// The sender loop as part of the app: started when the server listens (a test that only
// injects requests starts it itself, or calls tick()), stopped when the app closes, before
// the database does.
import fp from 'fastify-plugin';
import { createSender, type Sender, type SenderOptions } from './notify.sender.js';
import routes from './notify.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    notifier: Sender;
    /** the sender's clock, for what the routes stamp */
    notifierClock: () => Date;
  }
}

export type NotifyOptions = SenderOptions;

export default fp<NotifyOptions>(
  async (app, opts) => {
    const clock = opts.clock ?? (() => new Date());
    const sender = createSender({ db: app.database.db, config: app.config, log: app.log, clock, transport: opts.transport });
    app.decorate('notifier', sender);
    app.decorate('notifierClock', clock);
    app.addHook('onListen', async () => sender.start());
    app.addHook('onClose', async () => sender.stop());
    await app.register(routes);
  },
  { name: 'notify' },
);
