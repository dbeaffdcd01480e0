import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from './units.js';
import { users } from './users.js';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Steps are append-only: a mistake is voided, never updated away or deleted. */
export const steps = pgTable(
  'steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    /** the step's place in its unit's history: the order the stage machine saw them */
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    stage: text('stage').notNull(),
    occurredAt: time('occurred_at').notNull(),
    recordedAt: time('recorded_at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    // who recorded it, as they were named then
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    clientEventId: uuid('client_event_id').unique(),
    voided: boolean('voided').notNull().default(false),
    voidedAt: time('voided_at'),
    voidedBy: uuid('voided_by').references(() => users.id),
    voidedByName: text('voided_by_name'),
    voidReason: text('void_reason'),
  },
  (t) => [
    uniqueIndex('steps_unit_seq_key').on(t.unitId, t.seq),
    index('steps_recorded_idx').on(t.recordedAt),
    index('steps_type_idx').on(t.type),
  ],
);
