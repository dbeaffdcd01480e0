import { date, index, integer, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** The statistics bureau's tree above the units: province (2 digits) › city (4) › county (6). Loaded by migration 0015; only an office's voice (0019) is edited. */
export const areas = pgTable(
  'areas',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => areas.code),
    /** 落款 its office signs with; null: derived from the name (shared/domain/voice.ts), migration 0019 */
    signingOffice: text('signing_office'),
    /** 文号 prefix of its notices and bulletins; null: derived from the name */
    docPrefix: text('doc_prefix'),
  },
  // 0015_areas.sql also checks that a code's length is its level's and starts with its parent's
  (t) => [index('areas_parent_idx').on(t.parentCode)],
);

/** An area's own deadlines; a null value inherits its nearest ancestor's, then the settings row's. */
export const areaSettings = pgTable('area_settings', {
  areaCode: text('area_code')
    .primaryKey()
    .references(() => areas.code),
  wiringDue: date('wiring_due', { mode: 'string' }),
  connectionDue: date('connection_due', { mode: 'string' }),
  registrationGraceDays: integer('registration_grace_days'),
  stallDays: integer('stall_days'),
  postponementLimit: integer('postponement_limit'),
  /** the scorecard's thresholds (percent onboarded); null inherits */
  scoreGreen: integer('score_green'),
  scoreYellow: integer('score_yellow'),
  // training (docs/contract/training.md)
  backboneDue: date('backbone_due', { mode: 'string' }),
  reportBackDays: integer('report_back_days'),
  // docs/contract/domain.md "The record" (migration 0017)
  backdateDays: integer('backdate_days'),
  reviewDays: integer('review_days'),
  lateJoinWiringDays: integer('late_join_wiring_days'),
  lateJoinConnectionDays: integer('late_join_connection_days'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Where an area's units register: the platform's address and helpdesk phone; a null inherits the ancestor's, then the settings row's. */
export const areaHelp = pgTable('area_help', {
  areaCode: text('area_code')
    .primaryKey()
    .references(() => areas.code),
  platformUrl: text('platform_url'),
  helpdeskPhone: text('helpdesk_phone'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
