// What the laggard report says of this unit today, in words its contact reads: each problem with
// how long it has lasted, what the unit should do about it, and whom to call. The words come from
// lib/unit-sentences.ts. Nothing when the unit is on track.
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '../../../../../shared/schemas/index.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { flagSentence, type UnitHelp } from '../lib/unit-sentences.js';

type Laggard = UnitDetail['laggard'];

export function LaggardNotice({ laggard, progress, help }: { laggard: Laggard | undefined; progress: UnitDetail['progress']; help: UnitHelp }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const format = useFormat();
  // an answer cached on the device before the server sent flags has none to show
  if (!laggard || laggard.flags.length === 0) return null;
  const own = user.role === 'unit';
  return (
    <section className="notice notice--warn laggard-notice" role="status" aria-labelledby="laggard-title">
      <p className="notice__title" id="laggard-title">{t(own ? 'unitLaggard.titleOwn' : 'unitLaggard.title')}</p>
      <ul>
        {laggard.flags.map((flag) => (
          <li key={`${flag.category}-${flag.stage ?? ''}`} data-category={flag.category}>
            {flagSentence(flag, progress, user.role, help, t)}
          </li>
        ))}
      </ul>
      <p className="muted">{t('unitLaggard.asOf', { date: format.date(laggard.asOf) })}</p>
    </section>
  );
}
