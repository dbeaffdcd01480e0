import { z } from 'zod';
import { IsoDate } from './common.js';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const Settings = z.object({
  timezone: z.string().refine(isTimeZone, 'not a known IANA time zone'),
  wiringDue: IsoDate.nullable(),
  connectionDue: IsoDate.nullable(),
  registrationGraceDays: z.number().int().min(0).max(365),
  stallDays: z.number().int().min(1).max(365),
  postponementLimit: z.number().int().min(1).max(100),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  timezone: 'Asia/Shanghai',
  wiringDue: null,
  connectionDue: null,
  registrationGraceDays: 7,
  stallDays: 14,
  postponementLimit: 2,
};
