// /api/users: HTTP only; who may create and change whom is users.service.ts's.
import type { FastifyInstance } from 'fastify';
import { usersApi } from '../../../shared/api/users.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { changeUser, createUser, listUsersFor, type UsersDeps } from './users.service.js';

export default async function usersRoutes(app: FastifyInstance) {
  const deps: UsersDeps = { db: app.database.db, sessions: app.sessions, passwordCost: app.config.passwordCost };

  route(app, usersApi.create, async (req, reply) => reply.code(201).send({ user: await createUser(deps, actorOf(req), req.body) }));
  route(app, usersApi.list, async (req) => listUsersFor(deps.db, actorOf(req), req.query));
  route(app, usersApi.update, async (req) => ({ user: await changeUser(deps, actorOf(req), req.params.id, req.body) }));
}
