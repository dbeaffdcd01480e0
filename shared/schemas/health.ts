import { z } from 'zod';

export const LiveResponse = z.object({ status: z.literal('ok') });

/** Where the reads that tolerate a moment's lag go (db/read-replica.ts), with a read replica only. */
export const ReadStatus = z.object({
  to: z.enum(['replica', 'primary']),
  reason: z.enum(['replica_unreachable', 'replica_lagging', 'replica_not_checked']).optional(),
  lagSeconds: z.number().nullable(),
  maxLagSeconds: z.number(),
  checkedAt: z.string().nullable(),
});

export const ReadyResponse = z.object({
  status: z.literal('ready'),
  database: z.enum(['postgres', 'pglite']),
  reads: ReadStatus.optional(),
});
