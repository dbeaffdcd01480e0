import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, PageQuery, listOf } from './common.js';
import { Role } from './users.js';

export const AuditEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  // displayName: the account's name now (null when the account is gone or there was none)
  actor: z.object({ id: z.string().nullable(), username: z.string().nullable(), role: Role.nullable(), displayName: z.string().nullable().optional() }).nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
  /** the unit the entry is about, when its target names one that still exists */
  unit: z.object({ id: Id, code: z.string(), name: z.string() }).nullable().optional(),
  /** the account the entry is about (a user created or changed, a technician assigned, a login's username) */
  user: z.object({ id: Id, username: z.string(), displayName: z.string(), role: Role }).nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Sign-ins and sign-outs (auth.*) apart from changes to the data (everything else). */
export const AUDIT_GROUPS = ['sessions', 'changes'] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const AuditQuery = PageQuery.extend({
  action: z.string().max(64).optional(),
  group: z.enum(AUDIT_GROUPS).optional(),
  actorId: z.string().optional(),
  /** a unit's id or its code: the entries about that unit (its creation, edits, steps and voids) */
  unit: z.string().max(200).optional(),
  since: IsoDateTime.optional(),
  /** calendar days in the campaign's time zone, both included */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'must not be after to' });
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditList = listOf(AuditEntry);
