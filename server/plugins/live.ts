// Live views: every recorded or voided step is announced with NOTIFY inside its own
// transaction (so it is heard only once committed), every server process LISTENs, and
// each passes what it hears to its own dashboards over server-sent events.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import type { DbOrTx } from '../../db/client.js';
import { notifyChannel, unitCounty } from '../../db/queries/live.js';
import { SESSIONS_ENDED_CHANNEL } from '../../db/queries/sessions.js';

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

/**
 * Where a heard step's unit is (its county, null for none), for the streams of scoped users;
 * `undefined` when no such stream was open in this process, so nobody asked.
 */
export type StepPlace = string | null | undefined;

type LiveEvents = { step: [LiveStep, StepPlace]; sessionsEnded: [SessionsEnded] };

declare module 'fastify' {
  interface FastifyInstance {
    live: EventEmitter<LiveEvents>;
    /** open streams of users with an area scope: while there are some, each step's unit is placed */
    scopedStreams: { count: number };
    /** open event streams, ended when the server closes */
    streams: Set<ServerResponse>;
  }
}

/** Call inside the write's transaction: listeners hear it at commit, never on rollback. */
export async function announce(tx: DbOrTx, step: LiveStep): Promise<void> {
  await notifyChannel(tx, LIVE_CHANNEL, JSON.stringify(step));
}

export default fp(
  async (app) => {
    const bus = new EventEmitter<LiveEvents>();
    bus.setMaxListeners(0);
    app.decorate('live', bus);
    app.decorate('streams', new Set<ServerResponse>());
    const scoped = { count: 0 };
    app.decorate('scopedStreams', scoped);

    /**
     * The step's unit's county, read once per step for every stream of this process (the
     * announcement names the unit only); none read while no scoped user listens. The database
     * away: a place that lies in no area scope, so a scoped stream hears nothing rather than too much.
     */
    const placeOf = async (step: LiveStep): Promise<StepPlace> => {
      if (scoped.count === 0) return undefined;
      try {
        return (await unitCounty(app.database.db, step.unitId)) ?? null;
      } catch (err) {
        app.log.warn({ err }, 'could not place a live step');
        return null;
      }
    };
    // steps are told in the order they were heard, each after its lookup
    let told: Promise<void> = Promise.resolve();
    const tell = (step: LiveStep, place: StepPlace) => {
      // each stream on its own: one that fails must not keep the step from the streams after it
      for (const listener of bus.listeners('step')) {
        try {
          listener(step, place);
        } catch (err) {
          app.log.warn({ err }, 'a live stream failed');
        }
      }
    };

    const stop = await app.database.listen(LIVE_CHANNEL, (payload) => {
      let step: LiveStep;
      try {
        step = JSON.parse(payload) as LiveStep;
      } catch (err) {
        app.log.warn({ err }, 'unreadable live notification');
        return;
      }
      const place = placeOf(step);
      told = told.then(async () => tell(step, await place));
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
      await told;
      await stop().catch(() => {});
      await stopEnded().catch(() => {});
    });
  },
  { name: 'live' },
);
