// Who may create and change which accounts: the rules of users.routes.ts below HTTP. An office
// works inside its own scope (docs/contract/areas.md "Scopes"): it sees, creates and changes only users that
// lie there, gives none a wider scope than its own, and so never reaches an office above itself.
import type { Db, DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import type { SessionsRepository } from '../../../db/queries/sessions.js';
import {
  countOtherActiveOffice,
  findUserByName,
  findUserInReach,
  insertUser,
  listUsers,
  lockRoles,
  toUser,
  unitWithinScope,
  updateUser,
} from '../../../db/queries/users.js';
import { usernameDisplay } from '../../../shared/domain/usernames.js';
import type { CreateUser, PatchUser, User } from '../../../shared/schemas/users.js';
import { UNIT_HAS_NO_SCOPE } from '../../../shared/schemas/users.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail, isUniqueViolation, isUuid } from '../../lib/errors.js';
import { hashPassword } from '../../lib/password.js';
import { requireScopeWithin } from '../../lib/scope.js';

export interface UsersDeps {
  db: Db;
  sessions: Pick<SessionsRepository, 'endAllOf'>;
  passwordCost: number;
}

const notFound = () => fail.notFound('user');
const scopeIssue = (message: string) => fail.validation(message, [{ field: 'scope', message }]);

/** A unit named in the body is a field of the request: a 400 naming it when it is unknown or outside the scope. */
async function requireUnit(db: DbOrTx, unitId: string, scope: string | null) {
  if (!isUuid(unitId) || !(await unitWithinScope(db, unitId, scope))) {
    throw fail.validation('unitId names no unit', [{ field: 'unitId', message: 'names no unit' }]);
  }
}

export async function listUsersFor(db: DbOrTx, actor: Actor, q: Parameters<typeof listUsers>[2]) {
  return listUsers(db, actor.reach, q);
}

export async function createUser(deps: UsersDeps, actor: Actor, body: CreateUser): Promise<User> {
  const { db } = deps;
  const username = usernameDisplay(body.username);
  if (await findUserByName(db, username)) throw fail.conflict(`username ${username} is taken`);
  const passwordHash = await hashPassword(body.password, deps.passwordCost);
  try {
    const row = await db.transaction(async (tx) => {
      await lockRoles(tx);
      const within = (await actingNow(tx, actor)).scope;
      // a new user sees what its creator sees unless told otherwise; a unit's contact its unit
      const scope = body.role === 'unit' ? null : body.scope === undefined ? within : body.scope;
      if (body.unitId) await requireUnit(tx, body.unitId, within);
      if (body.role !== 'unit') await requireScopeWithin(tx, scope, within);
      const created = await insertUser(tx, { username, displayName: body.displayName, role: body.role, unitId: body.unitId ?? null, scope, phone: body.phone ?? null, passwordHash });
      await appendAudit(tx, actor, [{ action: 'user.create', target: created.id, details: { username: created.username, role: created.role, unitId: created.unitId, scope: created.scope, phone: created.phone } }]);
      return created;
    });
    return toUser(row);
  } catch (err) {
    // the same name created at the same moment: the unique key decides
    if (isUniqueViolation(err)) throw fail.conflict(`username ${username} is taken`);
    throw err;
  }
}

export async function changeUser(deps: UsersDeps, actor: Actor, id: string, patch: PatchUser): Promise<User> {
  const { db } = deps;
  if (!isUuid(id) || !(await findUserInReach(db, actor.reach, id))) throw notFound();
  // hashed before the transaction: no other change to users waits ~100 ms on it
  const passwordHash = patch.password ? await hashPassword(patch.password, deps.passwordCost) : undefined;
  const row = await db.transaction(async (tx) => {
    // The check that an active office user remains, that the user and its new scope lie inside
    // the office's, and the change they allow are one decision: "A demotes A" and "B disables B",
    // or "the city narrows A" and "A widens C", sent together take turns, and the second sees
    // the first.
    await lockRoles(tx);
    const me = await actingNow(tx, actor);
    const within = me.scope;
    const current = await findUserInReach(tx, me.reach, id);
    if (!current) throw notFound();
    const role = patch.role ?? current.role;
    const unitId = patch.unitId !== undefined ? patch.unitId : role === 'unit' ? current.unitId : null;
    if (role === 'unit' && !unitId) throw fail.validation('unitId is required for the unit role', [{ field: 'unitId', message: 'required for the unit role' }]);
    if (role !== 'unit' && unitId) throw fail.validation('unitId is only allowed with the unit role', [{ field: 'unitId', message: 'only allowed with the unit role' }]);
    if (role === 'unit' && patch.scope) throw scopeIssue(UNIT_HAS_NO_SCOPE);
    if (unitId && unitId !== current.unitId) await requireUnit(tx, unitId, within);
    // a contact made an office, viewer or technician starts from the office's own scope
    const scope = role === 'unit' ? null : patch.scope !== undefined ? patch.scope : current.role === 'unit' ? within : current.scope;
    if (role !== 'unit' && scope !== current.scope) await requireScopeWithin(tx, scope, within);
    const locksOut = current.role === 'office' && !current.disabled && (role !== 'office' || patch.disabled === true);
    if (locksOut && (await countOtherActiveOffice(tx, id)) === 0) {
      throw fail.conflict('this is the last active office user: create or enable another one first');
    }
    const updated = await updateUser(tx, id, { displayName: patch.displayName, role, unitId, scope, disabled: patch.disabled, phone: patch.phone, passwordHash });
    // Whatever the user's sessions were allowed under has changed: they all end, with the
    // live streams they hold (a contact moved to another unit must stop hearing the old one,
    // a user narrowed to one county must stop seeing the others).
    const disabled = patch.disabled === true && !current.disabled;
    const ends = disabled || passwordHash !== undefined || role !== current.role || unitId !== current.unitId || scope !== current.scope;
    if (ends) updated.credentialVersion = await deps.sessions.endAllOf(id, tx);
    const changed = Object.keys(patch).filter((k) => k !== 'password');
    const details: Record<string, unknown> = { changed, passwordReset: Boolean(passwordHash), sessionsEnded: ends };
    if (scope !== current.scope) details.scope = { from: current.scope, to: scope };
    await appendAudit(tx, actor, [{ action: 'user.update', target: id, details }]);
    return updated;
  });
  return toUser(row);
}
