import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The campaign's one row of settings. */
export const settings = pgTable(
  'settings',
  {
    id: integer('id').primaryKey().default(1),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    wiringDue: date('wiring_due', { mode: 'string' }),
    connectionDue: date('connection_due', { mode: 'string' }),
    registrationGraceDays: integer('registration_grace_days').notNull().default(7),
    stallDays: integer('stall_days').notNull().default(14),
    postponementLimit: integer('postponement_limit').notNull().default(2),
    // training (docs/contract/training.md): no_backbone after backboneDue; report-back due reportBackDays after a training
    backboneDue: date('backbone_due', { mode: 'string' }),
    reportBackDays: integer('report_back_days').notNull().default(10),
    // docs/contract/domain.md "The record" (migration 0017)
    backdateDays: integer('backdate_days').notNull().default(30),
    reviewDays: integer('review_days').notNull().default(3),
    lateJoinWiringDays: integer('late_join_wiring_days').notNull().default(14),
    lateJoinConnectionDays: integer('late_join_connection_days').notNull().default(30),
    /** the county a new unit gets when nothing else names one; null: none */
    homeArea: text('home_area'),
    /** 落款单位: who signs the printed bulletin */
    signingOffice: text('signing_office').notNull().default('县人民政府办公室'),
    /** the scorecard: share onboarded green from this percent, yellow from the next, else red */
    scoreGreen: integer('score_green').notNull().default(90),
    scoreYellow: integer('score_yellow').notNull().default(60),
    /** the application platform's address and helpdesk phone: every area's default (area_help) */
    platformUrl: text('platform_url'),
    helpdeskPhone: text('helpdesk_phone'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('settings_single_row', sql`${t.id} = 1`)],
);
