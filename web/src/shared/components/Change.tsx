// What changed since the day compared with (the leaders' view): a signed number with an arrow,
// green when the change is for the better, red when for the worse; and a rank's move.
import { useTranslation } from 'react-i18next';

export const signed = (n: number, digits = 0) => {
  const v = digits ? Math.round(n * 10 ** digits) / 10 ** digits : n;
  return v > 0 ? `+${v}` : v < 0 ? `${v}` : '±0';
};

/** "较上周 ▲+3": `better` says which way is good (more onboarded: up; more laggards: down). */
export function Delta({ value, better, digits = 0, suffix = '', label = true }: { value: number; better: 'up' | 'down'; digits?: number; suffix?: string; label?: boolean }) {
  const { t } = useTranslation();
  const rounded = digits ? Math.round(value * 10 ** digits) / 10 ** digits : value;
  const tone = rounded === 0 ? 'same' : (rounded > 0) === (better === 'up') ? 'good' : 'bad';
  const arrow = rounded > 0 ? '▲' : rounded < 0 ? '▼' : '';
  return (
    <span className={`delta delta--${tone} nowrap`}>
      {label && `${t('leaders.compared')} `}
      {arrow}
      {signed(rounded)}
      {suffix}
    </span>
  );
}

/** A rank's move: ↑2 (better: a smaller number), ↓1, or – when it did not move. */
export function RankMove({ now, before }: { now: number; before: number | undefined }) {
  const { t } = useTranslation();
  if (before === undefined) return null;
  const up = before - now;
  const text = up > 0 ? t('leaders.rankUp', { n: up }) : up < 0 ? t('leaders.rankDown', { n: -up }) : t('leaders.rankSame');
  return (
    <span className={`rank-move rank-move--${up > 0 ? 'good' : up < 0 ? 'bad' : 'same'}`} title={text} aria-label={text}>
      {up > 0 ? `↑${up}` : up < 0 ? `↓${-up}` : '–'}
    </span>
  );
}
