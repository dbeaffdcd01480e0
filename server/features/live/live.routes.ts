// GET /api/live: server-sent events, one `step` event per step recorded or voided in the
// caller's reach: anywhere for the whole installation, its scope's units for a scoped user, its
// own unit for a unit's contact.
import type { FastifyInstance } from 'fastify';
import { liveApi } from '../../../shared/api/live.js';
import { inScope } from '../../../shared/domain/areas.js';
import { route } from '../../lib/route.js';
import type { LiveStep, SessionsEnded, StepPlace } from '../../plugins/live.js';
import { areaScopeOf } from '../../plugins/scope.js';

export default async function liveRoutes(app: FastifyInstance) {
  route(app, liveApi.stream, (req, reply) => {
    const user = req.user!;
    const headers = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no', // let a proxy pass events at once
    };
    // HEAD has no body to stream: its headers, and done (else it would hold its socket open)
    if (req.method === 'HEAD') return reply.headers(headers).send();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...headers, connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    const scope = areaScopeOf(req);
    const onStep = (step: LiveStep, place: StepPlace) => {
      // a unit's contact hears only its own unit, a scoped user only its scope's
      if (user.role === 'unit' && step.unitId !== user.unitId) return;
      if (scope !== null && (place === undefined || !inScope(scope, place))) return;
      res.write(`event: step\ndata: ${JSON.stringify(step)}\n\n`);
    };
    // The stream hears as the user it was opened by: when that user's sessions end (a new
    // role, unit or password, disabled; told by every process) it ends at once, so a contact
    // moved to another unit hears nothing more of the old one.
    const onEnded = (ended: SessionsEnded) => {
      if (ended.userId === user.id && ended.keep !== user.sessionId) res.end();
    };
    app.live.on('step', onStep);
    app.live.on('sessionsEnded', onEnded);
    app.streams.add(res);
    if (scope !== null) app.scopedStreams.count++;
    // A stream outlives the request that checked its session: each beat checks again, so a
    // logout or a disabled user (in any process) ends it within one beat; the first check runs at
    // once, for a change that landed between the session's lookup and the listeners above.
    const token = req.sessionToken!;
    const check = (beat: boolean) =>
      // the database away: keep the stream, and check again at the next beat
      void app.sessions.isLive(token).catch(() => true).then((live) => {
        if (res.writableEnded || res.destroyed) return;
        if (!live) res.end();
        else if (beat) res.write(': keep-alive\n\n');
      });
    check(false);
    const beat = setInterval(() => check(true), app.config.liveHeartbeatMs);
    res.on('close', () => {
      clearInterval(beat);
      app.live.off('step', onStep);
      app.live.off('sessionsEnded', onEnded);
      app.streams.delete(res);
      if (scope !== null) app.scopedStreams.count--;
    });
  });
}
