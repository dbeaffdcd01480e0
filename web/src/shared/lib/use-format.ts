// Date formatting bound to the campaign's zone and the chosen language.
import { useMemo } from 'react';
import { percentText } from '../../../../shared/domain/vocabulary.js';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../api/settings.js';
import { today } from '../../../../shared/domain/dates.js';
import { formatDate, formatDateTime } from './time.js';
import { zoneName } from './zone-name.js';

export function useFormat() {
  const { timezone } = useSettings();
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  return useMemo(
    () => ({
      timezone,
      /** the campaign's zone as a reader names it: 北京时间 */
      zoneName: zoneName(timezone, i18n.language),
      locale,
      /** 2026-12-01 14:05 (time.ts: the one date format of screens, bulletin and files) */
      dateTime: (iso: string | null | undefined) => formatDateTime(iso, timezone),
      /** 2026-12-01 */
      date: (value: string | null | undefined) => formatDate(value, timezone),
      /**
       * A date in formal text (a notice's or a bulletin's running text): the same one format,
       * 2026-12-01, as screens and files: one date format everywhere, so a date reads the same on the
       * page, in a file and on paper.
       */
      longDate: (value: string) => formatDate(value, timezone),
      today: () => today(timezone),
      number: (n: number) => n.toLocaleString(locale),
      /** "33.3%": the one way a share is written (shared/domain/vocabulary.ts), on screens, files and the digest */
      percent: (part: number, whole: number) => percentText(part, whole),
    }),
    [timezone, locale, i18n.language],
  );
}
