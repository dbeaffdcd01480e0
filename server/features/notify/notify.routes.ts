// /api/channels: the office's group robots, their test message and delivery log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/schemas/common.js';
import { ChannelList, ChannelResponse, CreateChannel, DeliveriesQuery, DeliveryList, DeliveryResponse, UpdateChannel } from '../../../shared/schemas/notify.js';
import { actorOf } from '../../lib/actor.js';
import { changeChannel, channels, createChannel, deliveries, disableChannel, sendTest, type ChannelsDeps } from './notify.service.js';

const tags = ['notifications'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const deps: ChannelsDeps = { db: app.database.db, config: app.config };
  const { db } = deps;

  app.post('/api/channels', { schema: { tags, body: CreateChannel, response: { 201: ChannelResponse } } }, async (req, reply) =>
    reply.code(201).send({ channel: await createChannel(deps, actorOf(req), req.body) }),
  );

  app.get('/api/channels', { schema: { tags, response: { 200: ChannelList } } }, async (req) => ({ items: await channels(db, actorOf(req)) }));

  app.patch('/api/channels/:id', { schema: { tags, params: IdParams, body: UpdateChannel, response: { 200: ChannelResponse } } }, async (req) => ({
    channel: await changeChannel(deps, actorOf(req), req.params.id, req.body),
  }));

  // a channel is disabled, never deleted: its delivery log stays
  app.delete('/api/channels/:id', { schema: { tags, params: IdParams, response: { 200: ChannelResponse } } }, async (req) => ({
    channel: await disableChannel(deps, actorOf(req), req.params.id),
  }));

  app.post('/api/channels/:id/test', { schema: { tags, params: IdParams, response: { 200: DeliveryResponse } } }, async (req) => ({
    delivery: await sendTest(deps, actorOf(req), app.notifier, req.params.id, app.notifierClock()),
  }));

  app.get('/api/channels/:id/deliveries', { schema: { tags, params: IdParams, querystring: DeliveriesQuery, response: { 200: DeliveryList } } }, async (req) =>
    deliveries(db, actorOf(req), req.params.id, req.query.limit),
  );
};
export default routes;
