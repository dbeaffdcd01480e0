// Display links (office) and the meeting screen they open (no session: the link's bearer token). HTTP only.
import type { FastifyInstance } from 'fastify';
import { displayApi } from '../../../shared/api/display.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { bearerOf, createLink, listLinks, revokeLink, screenData } from './display.service.js';

export default async function displayRoutes(app: FastifyInstance) {
  const db = app.database.db;
  route(app, displayApi.create, async (req, reply) => reply.code(201).send(await createLink(db, actorOf(req), req.body)));
  route(app, displayApi.list, async (req) => listLinks(db, actorOf(req)));
  route(app, displayApi.revoke, async (req) => revokeLink(db, actorOf(req), req.params.id));
  // the token travels in a header, never in the address: an address is logged, a header is redacted
  route(app, displayApi.screen, async (req) => screenData(app.database.reports, bearerOf(req.headers.authorization), undefined, app.database.reports));
}
