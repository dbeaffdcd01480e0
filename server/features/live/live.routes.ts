// GET /api/live: server-sent events, one `step` event per step recorded or voided anywhere.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LiveStep } from '../../plugins/live.js';

const HEARTBEAT_MS = 25_000;

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/live', { schema: { tags: ['live'], summary: 'server-sent events: `step` for every step recorded or voided' } }, (req, reply) => {
    const user = req.user!;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no', // let a proxy pass events at once
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    const onStep = (step: LiveStep) => {
      // a unit's contact hears only its own unit
      if (user.role === 'unit' && step.unitId !== user.unitId) return;
      res.write(`event: step\ndata: ${JSON.stringify(step)}\n\n`);
    };
    app.live.on('step', onStep);
    app.streams.add(res);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(beat);
      app.live.off('step', onStep);
      app.streams.delete(res);
    });
  });
};
export default routes;
