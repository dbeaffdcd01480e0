import { z } from 'zod';
import { IsoDateTime, PageQuery, listOf } from './common.js';
import { Role } from './users.js';

export const AuditEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  actor: z.object({ id: z.string().nullable(), username: z.string().nullable(), role: Role.nullable() }).nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  action: z.string().max(64).optional(),
  actorId: z.string().optional(),
  since: IsoDateTime.optional(),
});
export const AuditList = listOf(AuditEntry);
