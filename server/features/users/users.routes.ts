import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { units, users } from '../../../db/schema/index.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { CreateUser, PatchUser, UserList, UserListQuery, UserResponse } from '../../../shared/schemas/users.js';
import { usernameDisplay, usernameKey } from '../../../shared/domain/usernames.js';
import { recordAudit } from '../../lib/audit.js';
import { fail, isUniqueViolation, isUuid } from '../../lib/errors.js';
import { hashPassword } from '../../lib/password.js';
import { countOtherActiveOffice, findUser, findUserByName, listUsers, lockRoles, toUser } from './users.repository.js';
import type { DbOrTx } from '../../../db/client.js';

async function requireUnit(db: DbOrTx, unitId: string) {
  const [unit] = isUuid(unitId) ? await db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).limit(1) : [];
  // the unit named in the body is a field of the request: a 400 naming it, not a 404 of the route
  if (!unit) throw fail.validation('unitId names no unit', [{ field: 'unitId', message: 'names no unit' }]);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const cost = app.config.passwordCost;

  app.post('/api/users', { schema: { tags: ['users'], body: CreateUser, response: { 201: UserResponse } } }, async (req, reply) => {
    const body = req.body;
    const username = usernameDisplay(body.username);
    if (body.unitId) await requireUnit(db, body.unitId);
    if (await findUserByName(db, username)) throw fail.conflict(`username ${username} is taken`);
    const passwordHash = await hashPassword(body.password, cost);
    try {
      const user = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ username, usernameKey: usernameKey(username), displayName: body.displayName, role: body.role, unitId: body.unitId ?? null, passwordHash })
          .returning();
        await recordAudit(tx, req, 'user.create', row.id, { username: row.username, role: row.role, unitId: row.unitId });
        return row;
      });
      return reply.code(201).send({ user: toUser(user) });
    } catch (err) {
      // the same name created at the same moment: the unique key decides
      if (isUniqueViolation(err)) throw fail.conflict(`username ${username} is taken`);
      throw err;
    }
  });

  app.get('/api/users', { schema: { tags: ['users'], querystring: UserListQuery, response: { 200: UserList } } }, async (req) =>
    listUsers(db, req.query),
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags: ['users'], params: IdParams, body: PatchUser, response: { 200: UserResponse } } },
    async (req) => {
      const { id } = req.params;
      const patch = req.body;
      if (!isUuid(id) || !(await findUser(db, id))) throw fail.notFound('user');
      // hashed before the transaction: no other change to users waits ~100 ms on it
      const passwordHash = patch.password ? await hashPassword(patch.password, cost) : undefined;
      const user = await db.transaction(async (tx) => {
        // The check that an active office user remains and the change it allows are one decision:
        // "A demotes A" and "B disables B" sent together take turns, and the second sees the first.
        await lockRoles(tx);
        const current = (await findUser(tx, id))!;
        const role = patch.role ?? current.role;
        const unitId = patch.unitId !== undefined ? patch.unitId : role === 'unit' ? current.unitId : null;
        if (role === 'unit' && !unitId) throw fail.validation('unitId is required for the unit role', [{ field: 'unitId', message: 'required for the unit role' }]);
        if (role !== 'unit' && unitId) throw fail.validation('unitId is only allowed with the unit role', [{ field: 'unitId', message: 'only allowed with the unit role' }]);
        if (unitId && unitId !== current.unitId) await requireUnit(tx, unitId);
        const locksOut = current.role === 'office' && !current.disabled && (role !== 'office' || patch.disabled === true);
        if (locksOut && (await countOtherActiveOffice(tx, id)) === 0) {
          throw fail.conflict('this is the last active office user: create or enable another one first');
        }
        const [row] = await tx
          .update(users)
          .set({ displayName: patch.displayName, role, unitId, disabled: patch.disabled, passwordHash, updatedAt: new Date() })
          .where(eq(users.id, id))
          .returning();
        // Whatever the user's sessions were allowed under has changed: they all end, with the
        // live streams they hold (a contact moved to another unit must stop hearing the old one).
        const disabled = patch.disabled === true && !current.disabled;
        const ends = disabled || passwordHash !== undefined || role !== current.role || unitId !== current.unitId;
        if (ends) row.credentialVersion = await app.sessions.endAllOf(id, tx);
        const changed = Object.keys(patch).filter((k) => k !== 'password');
        await recordAudit(tx, req, 'user.update', id, { changed, passwordReset: Boolean(passwordHash), sessionsEnded: ends });
        return row;
      });
      return { user: toUser(user) };
    },
  );
};
export default routes;
