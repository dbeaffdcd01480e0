import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { areas } from './areas.js';
import { users } from './users.js';
import type { Progress } from '../../shared/domain/progress.js';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** unique with its county: units_code_key below (migration 0018) */
    code: text('code').notNull(),
    /** the county the code names (shared/domain/codes.ts countyOfCode), null for none: set by a trigger (0018) */
    codeCounty: text('code_county'),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['township', 'department', 'other'] }).notNull(),
    parentCode: text('parent_code'),
    /** the unit's county (6 digits), null where none applies: see docs/contract/areas.md */
    areaCode: text('area_code').references((): AnyPgColumn => areas.code),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    wiringDue: date('wiring_due', { mode: 'string' }),
    connectionDue: date('connection_due', { mode: 'string' }),
    /** the technician the office asked to look after this unit: focus, not permission */
    assigneeId: uuid('assignee_id').references((): AnyPgColumn => users.id),
    createdAt: time('created_at').notNull().defaultNow(),
    updatedAt: time('updated_at').notNull().defaultNow(),

    // Stored progress: what the steps derive, written in the same transaction as each step.
    // `progress` is the whole object the API returns; the columns beside it are copies of
    // the parts that lists and reports filter and count on, indexed for 100,000 units.
    progress: jsonb('progress').$type<Progress>().notNull(),
    stepCount: integer('step_count').notNull().default(0),
    /** +1 at every change of the progress (a step or a void): a write checks it is unchanged since its read */
    revision: integer('revision').notNull().default(0),
    wiringStatus: text('wiring_status').notNull().default('pending'),
    connectionStatus: text('connection_status').notNull().default('pending'),
    registrationStatus: text('registration_status').notNull().default('pending'),
    onboarded: boolean('onboarded').notNull().default(false),
    lastEventAt: time('last_event_at'),
    // the facts the laggard flags read, as plain columns: a report over 100,000 units then
    // reads no jsonb (measured: laggards page 126 → 95 ms, summary 134 → 110 ms)
    /** when wiring was refused, while that refusal blocks it */
    refusedAt: time('refused_at'),
    postponements: integer('postponements').notNull().default(0),
    firstPostponedAt: time('first_postponed_at'),
    /** when connection was done, while it is */
    connectionAt: time('connection_at'),
    // Stored training facts (migration 0027), kept by triggers on the training tables: what
    // today's training flags read (db/queries/reports/training-flags.ts trainingFlagsStored)
    /** a primary backbone person is named and not ended */
    trainingPrimary: boolean('training_primary').notNull().default(false),
    /** the earliest end of a closed training it missed and has not made up (a later day, a shared topic) */
    trainingAbsentFrom: time('training_absent_from'),
    /** the earliest end of a training it attended without an accepted report-back */
    trainingReportFrom: time('training_report_from'),
  },
  (t) => [
    // a code that names a county is unique everywhere; one that names none, within its unit's county
    uniqueIndex('units_code_key').on(sql`coalesce(${t.codeCounty}, ${t.areaCode}, '')`, t.code),
    index('units_code_idx').on(t.code),
    index('units_kind_idx').on(t.kind),
    index('units_parent_idx').on(t.parentCode),
    // a city's or province's subtree is a prefix: LIKE '6212%' needs the pattern operator class
    index('units_area_idx').using('btree', t.areaCode.op('text_pattern_ops')),
    index('units_assignee_idx').on(t.assigneeId),
    index('units_wiring_idx').on(t.wiringStatus),
    index('units_connection_idx').on(t.connectionStatus),
    index('units_registration_idx').on(t.registrationStatus),
  ],
);
