// Display links and the meeting screen (数据大屏, the leaders' view): a read-only view of one scope
// for a wall display. Nothing in the screen's answer names a person or a phone number.
import { z } from 'zod';
import { AreaCode } from './area-code.js';
import { Id, IsoDate, IsoDateTime } from './common.js';
import { LaggardFlag, Scorecard } from './reports.js';
import { UnitKind } from './units.js';

export const DISPLAY_LINK_MAX_DAYS = 90;

export const CreateDisplayLink = z.object({
  label: z.string().trim().min(1).max(60),
  /** the scope shown: an area inside the office's own (absent: the office's scope) */
  area: AreaCode.optional(),
  /** days until it stops working (default 30, at most 90) */
  expiresInDays: z.number().int().min(1).max(DISPLAY_LINK_MAX_DAYS).default(30),
});
export type CreateDisplayLink = z.infer<typeof CreateDisplayLink>;

const AreaRef = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const DisplayLink = z.object({
  id: Id,
  label: z.string(),
  area: AreaRef.nullable(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
  /** orphaned: the office that made it is disabled or no longer holds its area (it opens nothing) */
  status: z.enum(['active', 'expired', 'revoked', 'orphaned']),
});
export type DisplayLink = z.infer<typeof DisplayLink>;

/** The token is shown here once: it is stored only as its sha256. */
export const CreatedDisplayLink = z.object({ link: DisplayLink, token: z.string(), path: z.string() });
export const DisplayLinkList = z.object({ items: z.array(DisplayLink) });

export const ScreenData = z.object({
  label: z.string(),
  area: AreaRef.nullable(),
  asOf: IsoDate,
  generatedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  summary: z.object({
    totalUnits: z.number().int(),
    onboarded: z.number().int(),
    laggards: z.number().int(),
    previous: z.object({ asOf: IsoDate, onboarded: z.number().int(), laggards: z.number().int() }).nullable(),
    scorecard: Scorecard.nullable(),
  }),
  ranking: z.array(
    z.object({
      area: AreaRef,
      totalUnits: z.number().int(),
      onboarded: z.number().int(),
      onboardedShare: z.number(),
      laggards: z.number().int(),
      rank: z.number().int(),
      previousRank: z.number().int().nullable(),
      scorecard: Scorecard.nullable(),
    }),
  ),
  worst: z.array(z.object({ unit: z.object({ code: z.string(), name: z.string(), kind: UnitKind }), flags: z.array(LaggardFlag) })),
  trend: z.array(z.object({ date: IsoDate, registration: z.number().int() })),
  recent: z.array(z.object({ unit: z.object({ code: z.string(), name: z.string() }), type: z.string(), occurredAt: IsoDateTime })),
});
export type ScreenData = z.infer<typeof ScreenData>;
