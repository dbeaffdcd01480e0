import { z } from 'zod';
import { IsoDate } from './common.js';
import { Area, AreaCode } from './areas.js';
import { DEFAULT_SCORE_THRESHOLDS } from '../domain/scorecard.js';
import { MAX_DOC_PREFIX, MAX_SIGNING_OFFICE } from '../domain/voice.js';

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

const SCORE = z.number().int().min(0).max(100);

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
  // training (docs/contract/training.md); absent from a PUT keeps the stored one
  backboneDue: IsoDate.nullable().optional(),
  reportBackDays: z.number().int().min(1).max(365).optional(),
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
  /** the scorecard (leaders' view): share onboarded green from this percent; absent from a PUT keeps the stored one */
  scoreGreen: SCORE.optional(),
  /** yellow from this percent (below scoreGreen), else red; absent from a PUT keeps the stored one */
  scoreYellow: SCORE.optional(),
});
export type Settings = z.infer<typeof Settings>;

/** docs/contract/training.md: a report-back is due 10 days after the training unless set otherwise */
export const DEFAULT_REPORT_BACK_DAYS = 10;
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
  backboneDue: null,
  reportBackDays: 10,
  backdateDays: 30,
  reviewDays: 3,
  lateJoinWiringDays: 14,
  lateJoinConnectionDays: 30,
  signingOffice: '县人民政府办公室',
  homeArea: null,
  ...DEFAULT_SCORE_THRESHOLDS,
};

/** GET|PUT /api/settings?area=: an area's deadlines instead of the installation's. */
export const SettingsQuery = z.object({ area: AreaCode.optional() });

/**
 * The area's own voice (docs/contract/areas.md "Each level's voice"): 落款 and 文号 prefix. Null or
 * blank: derived from the area's name; absent from a PUT: the stored one is kept (a deadlines
 * form that knows nothing of them does not erase them).
 */
const VOICE_FIELDS = {
  signingOffice: z.string().trim().max(MAX_SIGNING_OFFICE).nullable().optional(),
  docPrefix: z
    .string()
    .trim()
    .max(MAX_DOC_PREFIX)
    .regex(/^[^\s〔〕[\]]*$/, '文号前缀不能含空格或六角括号')
    .nullable()
    .optional(),
};

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
  scoreGreen: SCORE.nullable().optional(),
  scoreYellow: SCORE.nullable().optional(),
  backboneDue: IsoDate.nullable().optional(),
  reportBackDays: z.number().int().min(1).max(365).nullable().optional(),
  ...VOICE_FIELDS,
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
    scoreGreen: z.number().int().nullable().optional(),
    scoreYellow: z.number().int().nullable().optional(),
    backboneDue: IsoDate.nullable(),
    reportBackDays: z.number().int().nullable(),
    signingOffice: z.string().nullable(),
    docPrefix: z.string().nullable(),
    backdateDays: z.number().int().nullable(),
    reviewDays: z.number().int().nullable(),
    lateJoinWiringDays: z.number().int().nullable(),
    lateJoinConnectionDays: z.number().int().nullable(),
  }),
  /** the scorecard's thresholds in force for the area (its own, an ancestor's, or the installation's) */
  scoreGreen: z.number().int().optional(),
  scoreYellow: z.number().int().optional(),
  /** the 落款 and 文号 prefix in force: the area's own, else derived from its name */
  signingOffice: z.string(),
  docPrefix: z.string(),
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
    backboneDue: Source,
    reportBackDays: Source,
    scoreGreen: Source.optional(),
    scoreYellow: Source.optional(),
  }),
});
export type AreaSettings = z.infer<typeof AreaSettings>;
