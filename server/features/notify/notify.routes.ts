// /api/channels: the office's group robots, their test message and delivery log. HTTP only.
import type { FastifyInstance } from 'fastify';
import { channelsApi } from '../../../shared/api/channels.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { changeChannel, channels, createChannel, deliveries, disableChannel, sendTest, type ChannelsDeps } from './notify.service.js';
import { previewDigest } from './notify.preview.js';

export default async function channelsRoutes(app: FastifyInstance) {
  const deps: ChannelsDeps = { db: app.database.db, config: app.config };

  route(app, channelsApi.create, async (req, reply) => reply.code(201).send({ channel: await createChannel(deps, actorOf(req), req.body) }));

  route(app, channelsApi.list, async (req) => ({ items: await channels(deps, actorOf(req)) }));

  route(app, channelsApi.preview, async (req) => previewDigest(deps, actorOf(req), req.query, app.notifierClock()));

  route(app, channelsApi.update, async (req) => ({ channel: await changeChannel(deps, actorOf(req), req.params.id, req.body) }));

  route(app, channelsApi.disable, async (req) => ({ channel: await disableChannel(deps, actorOf(req), req.params.id) }));

  route(app, channelsApi.test, async (req) => ({ delivery: await sendTest(deps, actorOf(req), app.notifier, req.params.id, app.notifierClock()) }));

  route(app, channelsApi.deliveries, async (req) => deliveries(deps, actorOf(req), req.params.id, req.query.limit));
}
