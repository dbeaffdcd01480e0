// Training the units' IT backbone (docs/contract/training.md); the SQL is db/migrations/0021_training.sql.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, unique } from 'drizzle-orm/pg-core';
import { areas } from './areas.js';
import { units } from './units.js';
import { users } from './users.js';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A unit's backbone people: at most one current primary and one deputy; an ended term keeps its end date. */
export const backbones = pgTable(
  'backbones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    kind: text('kind', { enum: ['primary', 'deputy'] }).notNull(),
    name: text('name').notNull(),
    post: text('post'),
    phone: text('phone'),
    since: date('since', { mode: 'string' }).notNull(),
    endedAt: date('ended_at', { mode: 'string' }),
    createdAt: time('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('backbones_current_key').on(t.unitId, t.kind).where(sql`ended_at IS NULL`)],
);

export const trainings = pgTable(
  'trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    topics: text('topics').array().notNull(),
    organiser: text('organiser').notNull(),
    trainer: text('trainer'),
    venue: text('venue').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    areaCode: text('area_code').references(() => areas.code),
    required: jsonb('required').$type<{ kinds?: string[]; unitIds?: string[] }>().notNull(),
    signSecret: text('sign_secret').notNull(),
    closedAt: time('closed_at'),
    createdAt: time('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('trainings_area_idx').using('btree', t.areaCode.op('text_pattern_ops'))],
);

/** One row per enrolled unit: enrolment is per unit, not per person. */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    trainingId: uuid('training_id').notNull().references(() => trainings.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    status: text('status', { enum: ['invited', 'attended', 'absent', 'excused'] }).notNull().default('invited'),
    attendee: text('attendee'),
    method: text('method', { enum: ['code', 'contact', 'office', 'sheet'] }),
    at: time('at'),
    byId: uuid('by_id').references(() => users.id),
    byName: text('by_name'),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.trainingId, t.unitId] }), index('training_attendance_unit_idx').on(t.unitId)],
);

export const trainingAttendanceEvents = pgTable('training_attendance_events', {
  clientEventId: text('client_event_id').primaryKey(),
  trainingId: uuid('training_id').notNull().references(() => trainings.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  createdAt: time('created_at').notNull().defaultNow(),
});

export const reportBacks = pgTable(
  'report_backs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainingId: uuid('training_id').notNull().references(() => trainings.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    leader: text('leader').notNull(),
    form: text('form', { enum: ['meeting', 'written', 'other'] }).notNull(),
    colleaguesReached: integer('colleagues_reached').notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: ['submitted', 'accepted', 'returned'] }).notNull().default('submitted'),
    returnReason: text('return_reason'),
    submittedAt: time('submitted_at').notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    reviewedAt: time('reviewed_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
  },
  (t) => [unique('report_backs_training_id_unit_id_key').on(t.trainingId, t.unitId), index('report_backs_unit_idx').on(t.unitId)],
);
