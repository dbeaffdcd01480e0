import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { areas } from './areas.js';
import { users } from './users.js';

/** A wall display's read-only link to one scope: the token itself is never stored, only its sha256. */
export const displayLinks = pgTable(
  'display_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    label: text('label').notNull(),
    /** the scope shown; null: the whole installation */
    areaCode: text('area_code').references(() => areas.code),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [uniqueIndex('display_links_token_hash_key').on(t.tokenHash)],
);
