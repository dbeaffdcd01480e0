import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { areas } from './areas.js';
import { units } from './units.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** as typed (in NFKC), for display */
    username: text('username').notNull(),
    /** what logins and uniqueness compare, by equality: usernameKey() of shared/domain/usernames.ts */
    usernameKey: text('username_key').notNull(),
    displayName: text('display_name').notNull(),
    /** a technician's phone, shown to the units it looks after */
    phone: text('phone'),
    role: text('role', { enum: ['office', 'technician', 'unit', 'viewer'] }).notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    /** what an office, viewer or technician sees: an area of any level, or null for the whole installation */
    scope: text('scope').references(() => areas.code),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    /** bumped by every change that must end the user's sessions: password, role, unit, disabled */
    credentialVersion: integer('credential_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // "Admin", "ADMIN" and "ａｄｍｉｎ" are one person
    uniqueIndex('users_username_key_key').on(t.usernameKey),
    index('users_unit_idx').on(t.unitId),
  ],
);

/** Sessions live in the database so that several server processes share them. */
export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the cookie's token: a leaked table does not hand out live sessions */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** the user's credentialVersion when it was made: live only while the two are equal */
    credentialVersion: integer('credential_version').notNull().default(0),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
