// What the laggard report says of this unit today, in words its contact reads: each problem with
// how long it has lasted, and what the unit should do about it. Nothing when the unit is on track.
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '../../../../../shared/schemas/index.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useSessionUser } from '../../../shared/session/session.js';

type Laggard = UnitDetail['laggard'];

export function LaggardNotice({ laggard, postponements }: { laggard: Laggard | undefined; postponements: number }) {
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
            <strong>
              {t(`unitLaggard.what.${flag.category}`, {
                days: flag.daysLate,
                count: postponements,
                stage: flag.stage ? t(`stage.${flag.stage}`) : '',
              })}
            </strong>
            {t('unitLaggard.separator')}
            {t(own ? 'unitLaggard.askOwn' : 'unitLaggard.ask')}
            {t(`unitLaggard.todo.${flag.category}`)}
          </li>
        ))}
      </ul>
      <p className="muted">{t('unitLaggard.asOf', { date: format.date(laggard.asOf) })}</p>
    </section>
  );
}
