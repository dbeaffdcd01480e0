import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BulletinContent, BulletinFilters } from '../../shared/schemas/bulletins.js';
import { areas } from './areas.js';
import { users } from './users.js';

/** A bulletin (通报) as issued: a trigger refuses any update or delete (migration 0019). */
export const bulletins = pgTable(
  'bulletins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuerCode: text('issuer_code').notNull().default(''),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    signingOffice: text('signing_office').notNull(),
    areaCode: text('area_code').references(() => areas.code),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    filters: jsonb('filters').$type<BulletinFilters>().notNull(),
    content: jsonb('content').$type<BulletinContent>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedByName: text('issued_by_name').notNull(),
  },
  (t) => [uniqueIndex('bulletins_number_key').on(t.issuerCode, t.year, t.seq), index('bulletins_issued_idx').on(t.issuedAt)],
);
