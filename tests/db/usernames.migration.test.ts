// Migration 0005 and its backfill: existing users get their username key as the code makes it;
// look-alikes that were two accounts under the old rule keep their rows, the older one the name.
import { readFileSync } from 'node:fs';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/client.js';
import { fillUsernameKeys, LOOKALIKE_KEY } from '../../db/backfill/usernames.js';
import { audit, users } from '../../db/schema/index.js';
import { hashPassword } from '../../server/lib/password.js';
import { uniq, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
test.beforeAll(({ t: testApp }) => {
  t = testApp;
});

describe('0005: username keys for the users already stored', () => {
  it('fills each key in JavaScript, disables later look-alikes with an audit row, and is idempotent', async () => {
    const s = uniq();
    const passwordHash = await hashPassword('old password 1', 10);
    // rows as a database from before 0005 holds them: names as typed, unique only by lower()
    const names = [`Admin${s}`, `ａｄｍｉｎ${s}`, `ΟΔΥΣΣΕΥΣ${s}`, `οδυσσευς${s}`, `Jose\u0301${s}`, `王工${s}`];
    const ids: string[] = [];
    for (const [i, username] of names.entries()) {
      const [row] = await t.database.db
        .insert(users)
        .values({ username, usernameKey: `tmp${i}${s}`, displayName: username, role: 'viewer', passwordHash, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) })
        .returning();
      ids.push(row.id);
    }
    const placeholders = readFileSync(`${migrationsFolder}/0005_account_keys.sql`, 'utf8').split('--> statement-breakpoint')[1];
    expect(placeholders).toMatch(/^\s*UPDATE "users" SET "username_key"/);
    await t.database.db.execute(sql.raw(`${placeholders.trim().replace(/;$/, '')} where id in (${ids.map((id) => `'${id}'`).join(', ')})`));

    const collisions = await fillUsernameKeys(t.database.db);
    expect(collisions.map((c) => [c.username, c.keptId])).toEqual([
      [`ａｄｍｉｎ${s}`, ids[0]],
      [`οδυσσευς${s}`, ids[2]],
    ]);
    const rows = new Map((await t.database.db.select().from(users).where(inArray(users.id, ids))).map((r) => [r.id, r]));
    const at = (i: number) => rows.get(ids[i])!;
    expect([at(0).usernameKey, at(0).username, at(0).disabled]).toEqual([`admin${s}`, `Admin${s}`, false]);
    expect([at(1).usernameKey, at(1).username, at(1).disabled]).toEqual([`${LOOKALIKE_KEY}${ids[1]}`, `ａｄｍｉｎ${s}`, true]);
    expect([at(2).usernameKey, at(3).usernameKey, at(3).disabled]).toEqual([`οδυσσευσ${s}`, `${LOOKALIKE_KEY}${ids[3]}`, true]);
    expect([at(4).usernameKey, at(4).username]).toEqual([`josé${s}`, `José${s}`]); // NFD stored composed
    expect(at(5).usernameKey).toBe(`王工${s}`);
    const told = await t.database.db.select().from(audit).where(eq(audit.action, 'user.username_collision'));
    expect(told.filter((r) => ids.includes(r.target!)).map((r) => r.target)).toEqual([ids[1], ids[3]]);

    // the older account is reached by every form of its name; the look-alike by none
    for (const form of [`admin${s}`, `ＡＤＭＩＮ${s}`]) {
      const res = await t.anonymous.post('/api/auth/login', { username: form, password: 'old password 1' });
      expect(res.json().user?.id).toBe(ids[0]);
    }
    expect((await t.anonymous.post('/api/auth/login', { username: `jose\u0301${s}`, password: 'old password 1' })).json().user?.id).toBe(ids[4]);

    expect(await fillUsernameKeys(t.database.db)).toEqual([]);
  });
});
