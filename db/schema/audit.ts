import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every write and every login attempt. No route changes it; a trigger refuses UPDATE and DELETE. */
export const audit = pgTable(
  'audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    target: text('target'),
    ip: text('ip'),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    // login throttling counts recent failures by username and by address
    index('audit_action_target_idx').on(t.action, t.target, t.at),
    index('audit_action_ip_idx').on(t.action, t.ip, t.at),
    // the log's filters: one unit's entries, one person's entries
    index('audit_target_at_idx').on(t.target, t.at),
    index('audit_actor_at_idx').on(t.actorId, t.at),
  ],
);
