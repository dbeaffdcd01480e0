// /api/users: HTTP only; who may create and change whom is users.service.ts's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/schemas/common.js';
import { CreateUser, PatchUser, UserList, UserListQuery, UserResponse } from '../../../shared/schemas/users.js';
import { actorOf } from '../../lib/actor.js';
import { changeUser, createUser, listUsersFor, type UsersDeps } from './users.service.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const deps: UsersDeps = { db: app.database.db, sessions: app.sessions, passwordCost: app.config.passwordCost };

  app.post('/api/users', { schema: { tags: ['users'], body: CreateUser, response: { 201: UserResponse } } }, async (req, reply) =>
    reply.code(201).send({ user: await createUser(deps, actorOf(req), req.body) }),
  );

  app.get('/api/users', { schema: { tags: ['users'], querystring: UserListQuery, response: { 200: UserList } } }, async (req) =>
    listUsersFor(deps.db, actorOf(req), req.query),
  );

  app.patch('/api/users/:id', { schema: { tags: ['users'], params: IdParams, body: PatchUser, response: { 200: UserResponse } } }, async (req) => ({
    user: await changeUser(deps, actorOf(req), req.params.id, req.body),
  }));
};
export default routes;
