import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LaggardFlag } from '../../shared/domain/laggards.js';
import type { AreaSnapshot } from '../../shared/domain/notices.js';
import { areas } from './areas.js';
import { units } from './units.js';
import { users } from './users.js';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Urging notices (催办通知单). Append-only like the audit log: a trigger refuses DELETE, and an
 * UPDATE may only fill in the answer or the withdrawal once; the snapshot never changes.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the issuing area ('' the installation itself): numbered per issuer per year (migration 0019) */
    issuerCode: text('issuer_code').notNull().default(''),
    /** the 落款 the notice was signed with (null: a row written without it, read as the installation's) */
    issuerOffice: text('issuer_office'),
    /** as printed: 宕政办催〔2026〕3号 (before 0019: 催办〔2026〕第 16 号, kept) */
    number: text('number'),
    /** numbered per issuer per calendar year of the campaign's time zone */
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** the unit urged; null for a 督办 to an area (targetArea), migration 0020 */
    unitId: uuid('unit_id').references(() => units.id),
    /** the area urged by the office above it (督办); null for a notice to a unit */
    targetArea: text('target_area').references(() => areas.code),
    /** a 督办's figures at the moment of issue: the area's roll-up row and its worst units */
    snapshot: jsonb('snapshot').$type<AreaSnapshot>(),
    // the unit (or area) as it was named when urged: the printed notice keeps saying what it said
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    /** the unit's laggard flags at the moment of issue: later steps do not change them */
    flags: jsonb('flags').$type<LaggardFlag[]>().notNull(),
    severity: doublePrecision('severity').notNull(),
    /** the day of issue in the campaign's time zone */
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    respondBy: date('respond_by', { mode: 'string' }).notNull(),
    note: text('note'),
    issuedAt: time('issued_at').notNull().defaultNow(),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedByName: text('issued_by_name').notNull(),
    /** notices issued in one batch share it */
    batchId: uuid('batch_id'),
    answerText: text('answer_text'),
    answeredAt: time('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredByName: text('answered_by_name'),
    withdrawReason: text('withdraw_reason'),
    withdrawnAt: time('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawnByName: text('withdrawn_by_name'),
  },
  (t) => [uniqueIndex('notices_number_key').on(t.issuerCode, t.year, t.seq), index('notices_unit_idx').on(t.unitId, t.issuedAt), index('notices_issued_idx').on(t.issuedAt), index('notices_target_area_idx').on(t.targetArea, t.issuedAt)],
);

/** Before 0019: the installation's one sequence per year (read once by 0019 into document_counters). */
export const noticeCounters = pgTable('notice_counters', { year: integer('year').notNull(), last: integer('last').notNull() }, (t) => [primaryKey({ columns: [t.year] })]);

/** The last number given out per issuer ('' the installation), kind and year: its row lock serialises that issuer's numbering. */
export const documentCounters = pgTable(
  'document_counters',
  { issuer: text('issuer').notNull(), kind: text('kind', { enum: ['notice', 'bulletin'] }).notNull(), year: integer('year').notNull(), last: integer('last').notNull() },
  (t) => [primaryKey({ columns: [t.issuer, t.kind, t.year] })],
);
