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
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
