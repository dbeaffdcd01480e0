// The first start of an empty database creates an office user, so someone can log in.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { appendAudit } from '../db/queries/audit.js';
import { countUsers, insertUser, lockFirstUser } from '../db/queries/users.js';
import type { Config } from './config.js';
import { hashPassword, randomPassword } from './lib/password.js';
import { usernameDisplay } from '../shared/domain/usernames.js';

export async function ensureFirstUser(db: Db, config: Config, log: Pick<FastifyBaseLogger, 'info'>, print = console.log): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const given = config.bootstrapAdmin;
  const username = usernameDisplay(given?.username ?? 'admin');
  const password = given?.password ?? randomPassword();
  const passwordHash = await hashPassword(password, config.passwordCost);
  const created = await db.transaction(async (tx) => {
    // processes started together on an empty database: one creates the user, the others then
    // see it (without the lock the others stopped on the unique username)
    await lockFirstUser(tx);
    if ((await countUsers(tx)) > 0) return false;
    const user = await insertUser(tx, { username, displayName: '政府办管理员', role: 'office', unitId: null, scope: null, passwordHash });
    // made by the installation itself: no user, no address
    await appendAudit(tx, { id: null, username: null, role: null, ip: null }, { action: 'user.bootstrap', target: user.id, details: { username, generated: !given } });
    return true;
  });
  if (!created) return;
  log.info({ username }, 'created the first office user');
  if (!given) {
    // printed once, to the console only (never to the log), and never again
    const line = '='.repeat(64);
    print(
      `\n${line}\n  First start: an office account was created.\n  Log in at the address below with\n    username: ${username}\n    password: ${password}\n  and change the password under 修改密码 (Change password). This is shown only once.\n${line}\n`,
    );
  }
}
