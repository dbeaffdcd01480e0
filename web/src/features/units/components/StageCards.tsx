// The three stages side by side: status, since when, and why a stage is blocked.
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../../shared/domain/steps.js';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { StatusBadge } from '../../../shared/components/StageBadge.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { ownReason, stageLabel } from './stage-label.js';

/** `unsentStages`: stages whose shown status includes steps not yet sent from this device. */
export function StageCards({ progress, unsentStages }: { progress: Unit['progress']; unsentStages?: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="stages-title">
      <h2 id="stages-title" className="visually-hidden">{t('unit.stages')}</h2>
      <ol className="stages">
        {STAGES.map((stage, i) => {
          const state = progress[stage];
          // only a scheduling step (which sets a planned date) leaves a stage pending: without one,
          // no step was taken and `since` is merely when the unit was created
          const untouched = state.status === 'pending' && !state.plannedDate;
          const reason = ownReason(state.reason, state.reasonCode);
          return (
            <li key={stage} className={`stage stage--${state.status}`}>
              <h3>
                <span className="stage__number" aria-hidden="true">{i + 1}</span> {t(`stage.${stage}`)}
              </h3>
              <StatusBadge status={state.status} label={stageLabel(state, t)} />
              {unsentStages?.has(stage) && <span className="badge badge--unsent">{t('outbox.unsentMark')}</span>}
              {state.since && !untouched && <p className="stage__since">{t('stageNote.since', { date: format.dateTime(state.since) })}</p>}
              {state.status === 'blocked' && (reason || state.reasonCode) && (
                <p className="stage__reason">
                  {state.reasonCode && <strong>{t(`reason.${state.reasonCode}`)}</strong>}
                  {state.reasonCode && reason && '：'}
                  {reason}
                </p>
              )}
              {state.until && state.status === 'blocked' && <p>{t('stageNote.until', { date: format.date(state.until) })}</p>}
              {state.plannedDate && state.status === 'pending' && <p>{t('stageNote.planned', { date: format.date(state.plannedDate) })}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
