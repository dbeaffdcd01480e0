// Live views: every recorded or voided step is announced with NOTIFY inside its own
// transaction (so it is heard only once committed), every server process LISTENs, and
// each passes what it hears to its own dashboards over server-sent events.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import fp from 'fastify-plugin';
import type { DbOrTx } from '../../db/client.js';
import { SESSIONS_ENDED_CHANNEL } from '../features/auth/sessions.js';

export const LIVE_CHANNEL = 'zw_live';

export interface LiveStep {
  unitId: string;
  stepId: string;
  type: string;
  voided: boolean;
}

/** A user's sessions ended (all but `keep`, a session id): its streams end at once, in every process. */
export interface SessionsEnded {
  userId: string;
  keep: string | null;
}

type LiveEvents = { step: [LiveStep]; sessionsEnded: [SessionsEnded] };

declare module 'fastify' {
  interface FastifyInstance {
    live: EventEmitter<LiveEvents>;
    /** open event streams, ended when the server closes */
    streams: Set<ServerResponse>;
  }
}

/** Call inside the write's transaction: listeners hear it at commit, never on rollback. */
export async function announce(tx: DbOrTx, step: LiveStep): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(step)})`);
}

export default fp(
  async (app) => {
    const bus = new EventEmitter<LiveEvents>();
    bus.setMaxListeners(0);
    app.decorate('live', bus);
    app.decorate('streams', new Set<ServerResponse>());

    const stop = await app.database.listen(LIVE_CHANNEL, (payload) => {
      let step: LiveStep;
      try {
        step = JSON.parse(payload) as LiveStep;
      } catch (err) {
        app.log.warn({ err }, 'unreadable live notification');
        return;
      }
      // each stream on its own: one that fails must not keep the step from the streams after it
      for (const listener of bus.listeners('step')) {
        try {
          listener(step);
        } catch (err) {
          app.log.warn({ err }, 'a live stream failed');
        }
      }
    });
    const stopEnded = await app.database.listen(SESSIONS_ENDED_CHANNEL, (payload) => {
      try {
        bus.emit('sessionsEnded', JSON.parse(payload) as SessionsEnded);
      } catch (err) {
        app.log.warn({ err }, 'unreadable sessions-ended notification');
      }
    });
    app.addHook('preClose', async () => {
      for (const res of app.streams) res.end();
      app.streams.clear();
    });
    app.addHook('onClose', async () => {
      await stop().catch(() => {});
      await stopEnded().catch(() => {});
    });
  },
  { name: 'live' },
);
