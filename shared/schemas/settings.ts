import { z } from 'zod';
import { IsoDate } from './common.js';
import { Area, AreaCode } from './areas.js';

/**
 * An IANA name ("Asia/Shanghai", "Etc/GMT-8", "UTC") that JavaScript knows. Abbreviations are
 * refused: "CST" is US Central to JavaScript, UTC−6 to PostgreSQL, and China time to an office here.
 */
const IANA_NAME = /^(?:UTC|[A-Z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+)$/;
export const isTimeZone = (tz: string) => {
  if (!IANA_NAME.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const RULES = {
  wiringDue: IsoDate.nullable(),
  connectionDue: IsoDate.nullable(),
  registrationGraceDays: z.number().int().min(0).max(365),
  stallDays: z.number().int().min(1).max(365),
  postponementLimit: z.number().int().min(1).max(100),
  // docs/contract/domain.md "The record"
  backdateDays: z.number().int().min(1).max(365),
  reviewDays: z.number().int().min(1).max(365),
  lateJoinWiringDays: z.number().int().min(1).max(365),
  lateJoinConnectionDays: z.number().int().min(1).max(365),
};
/** The record's settings (docs/contract/domain.md "The record"): a PUT without them keeps the stored ones. */
const RECORD_KEYS = ['backdateDays', 'reviewDays', 'lateJoinWiringDays', 'lateJoinConnectionDays'] as const;

export const Settings = z.object({
  timezone: z.string().refine(isTimeZone, 'not a known IANA time zone name, such as Asia/Shanghai'),
  ...RULES,
  /** the county a new unit gets when nothing else names one (docs/contract/areas.md); absent from a PUT keeps the stored one */
  homeArea: AreaCode.nullable().optional(),
  /** 落款单位: who signs the printed bulletin; absent from a PUT keeps the stored one */
  signingOffice: z.string().trim().min(1).max(60).optional(),
});
export type Settings = z.infer<typeof Settings>;

/**
 * PUT /api/settings: the record's settings may be left out (a client of the contract's first
 * six fields keeps working): absent keeps the stored value.
 */
export const SettingsInput = Settings.partial(Object.fromEntries(RECORD_KEYS.map((k) => [k, true])) as { [K in (typeof RECORD_KEYS)[number]]: true });
export type SettingsInput = z.infer<typeof SettingsInput>;

export const DEFAULT_SETTINGS: Settings = {
  timezone: 'Asia/Shanghai',
  wiringDue: null,
  connectionDue: null,
  registrationGraceDays: 7,
  stallDays: 14,
  postponementLimit: 2,
  backdateDays: 30,
  reviewDays: 3,
  lateJoinWiringDays: 14,
  lateJoinConnectionDays: 30,
  signingOffice: '县人民政府办公室',
  homeArea: null,
};

/** GET|PUT /api/settings?area=: an area's deadlines instead of the installation's. */
export const SettingsQuery = z.object({ area: AreaCode.optional() });

/**
 * PUT /api/settings?area=: the area's own values, all of them (a PUT replaces): null or absent
 * inherits from the nearest ancestor that sets the value, else from the installation.
 */
export const AreaOwnSettings = z.object({
  wiringDue: RULES.wiringDue.optional(),
  connectionDue: RULES.connectionDue.optional(),
  registrationGraceDays: RULES.registrationGraceDays.nullable().optional(),
  stallDays: RULES.stallDays.nullable().optional(),
  postponementLimit: RULES.postponementLimit.nullable().optional(),
  backdateDays: RULES.backdateDays.nullable().optional(),
  reviewDays: RULES.reviewDays.nullable().optional(),
  lateJoinWiringDays: RULES.lateJoinWiringDays.nullable().optional(),
  lateJoinConnectionDays: RULES.lateJoinConnectionDays.nullable().optional(),
});
export type AreaOwnSettings = z.infer<typeof AreaOwnSettings>;

const Source = z.string().nullable();
/** GET /api/settings?area=: the effective values, the area's own, and where each effective value comes from */
export const AreaSettings = z.object({
  area: Area,
  timezone: z.string(),
  ...RULES,
  own: z.object({
    wiringDue: IsoDate.nullable(),
    connectionDue: IsoDate.nullable(),
    registrationGraceDays: z.number().int().nullable(),
    stallDays: z.number().int().nullable(),
    postponementLimit: z.number().int().nullable(),
    backdateDays: z.number().int().nullable(),
    reviewDays: z.number().int().nullable(),
    lateJoinWiringDays: z.number().int().nullable(),
    lateJoinConnectionDays: z.number().int().nullable(),
  }),
  /** the area code each value comes from (the area itself or an ancestor); null: the installation's settings */
  sources: z.object({
    wiringDue: Source,
    connectionDue: Source,
    registrationGraceDays: Source,
    stallDays: Source,
    postponementLimit: Source,
    backdateDays: Source,
    reviewDays: Source,
    lateJoinWiringDays: Source,
    lateJoinConnectionDays: Source,
  }),
});
export type AreaSettings = z.infer<typeof AreaSettings>;
