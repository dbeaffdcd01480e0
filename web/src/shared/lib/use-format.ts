// Date formatting bound to the campaign's zone and the chosen language.
import { useMemo } from 'react';
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
      dateTime: (iso: string | null | undefined) => formatDateTime(iso, timezone, locale),
      date: (value: string | null | undefined) => formatDate(value, timezone, locale),
      /** a date as formal text writes it: 2026年11月28日 */
      longDate: (value: string) =>
        new Date(`${value.slice(0, 10)}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
      today: () => today(timezone),
      number: (n: number) => n.toLocaleString(locale),
      percent: (part: number, whole: number) =>
        whole > 0 ? (part / whole).toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 }) : '—',
    }),
    [timezone, locale, i18n.language],
  );
}
