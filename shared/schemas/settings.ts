import { z } from 'zod';
import { IsoDate } from './common.js';

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

export const Settings = z.object({
  timezone: z.string().refine(isTimeZone, 'not a known IANA time zone name, such as Asia/Shanghai'),
  wiringDue: IsoDate.nullable(),
  connectionDue: IsoDate.nullable(),
  registrationGraceDays: z.number().int().min(0).max(365),
  stallDays: z.number().int().min(1).max(365),
  postponementLimit: z.number().int().min(1).max(100),
  /** 落款单位: who signs the printed bulletin; absent from a PUT keeps the stored one */
  signingOffice: z.string().trim().min(1).max(60).optional(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  timezone: 'Asia/Shanghai',
  wiringDue: null,
  connectionDue: null,
  registrationGraceDays: 7,
  stallDays: 14,
  postponementLimit: 2,
  signingOffice: '县人民政府办公室',
};
