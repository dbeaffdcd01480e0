// A technician's home on a phone: their own units first, each with its next steps one tap away,
// then a search over every unit. Works offline from what was last loaded.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, type StepType } from '../../../../../../shared/domain/steps.js';
import type { Unit } from '../../../../../../shared/schemas/index.js';
import { StatusBadge } from '../../../../shared/components/StageBadge.js';
import { Loading, PageError } from '../../../../shared/components/StatusPage.js';
import { EntryStatus, OfflineStamp, OutboxPanel, optimisticProgress, pendingFor, useKeptAnswer, useOutboxState } from '../../../field/index.js';
import { Link } from '@tanstack/react-router';
import { useSearchParams } from '../../../../shared/router/search.js';
import { useSessionUser } from '../../../../shared/session/session.js';
import { myUnitsQueryOptions, unitsQueryOptions } from '../../api/get-units.js';
import { stageLabel } from '../stage-label.js';
import { offeredSteps } from '../step-form/StepForm.js';
import { QuickStep } from './QuickStep.js';

/** Moving a unit forward comes first; blocking it last. */
const ORDER = ['started', 'completed', 'scheduled', 'test_failed', 'submitted', 'postponed', 'refused'];
const rank = (type: StepType) => ORDER.indexOf(type.split('.')[1]);

/** The technician's own units with work left for them (wiring or connection not done) first, in the server's order; the finished ones after. */
export const workFirst = (units: readonly Unit[]) =>
  [...units].sort((a, b) => Number(technicianDone(a)) - Number(technicianDone(b)));
const technicianDone = (u: Unit) => u.progress.wiring.status === 'done' && u.progress.connection.status === 'done';

export function FieldHomePage() {
  const { t } = useTranslation();
  const mine = useQuery(myUnitsQueryOptions());
  // offline: the list as the device kept it, and since when
  const kept = useKeptAnswer(mine);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const found = useQuery({ ...unitsQueryOptions({ q, pageSize: 20 }), enabled: q !== '' });

  return (
    <div className="field-home">
      <section aria-labelledby="mine-title">
        <h1 id="mine-title">{t('fieldHome.mine')}</h1>
        <OfflineStamp at={kept.keptAt} />
        {kept.missing ? (
          <p className="empty">{t('fieldHome.offlineNoData')}</p>
        ) : kept.error ? (
          <PageError error={kept.error} onRetry={() => void mine.refetch()} />
        ) : mine.data === undefined ? (
          <Loading />
        ) : mine.data.items.length === 0 ? (
          <p className="empty">{t('fieldHome.noneMine')}</p>
        ) : (
          <UnitCards units={workFirst(mine.data.items)} />
        )}
      </section>
      <section aria-labelledby="search-title">
        <h2 id="search-title">{t('fieldHome.search')}</h2>
        <form
          role="search"
          className="field-search"
          onSubmit={(e) => {
            e.preventDefault();
            setParams({ q: text.trim() }, { replace: true });
          }}
        >
          <label htmlFor="field-q" className="visually-hidden">{t('units.searchLabel')}</label>
          <input id="field-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('units.searchPlaceholder')} enterKeyHint="search" />
          <button type="submit" className="button button--big">{t('app.search')}</button>
        </form>
        {q !== '' &&
          (found.isPending ? (
            found.fetchStatus === 'paused' ? <p className="empty">{t('fieldHome.offlineNoData')}</p> : <Loading />
          ) : found.isError ? (
            <PageError error={found.error} onRetry={() => void found.refetch()} />
          ) : found.data.items.length === 0 ? (
            <p className="empty">{t('units.empty')}</p>
          ) : (
            <UnitCards units={found.data.items} />
          ))}
      </section>
      {/* the banner under the header already counts what waits; the details come last */}
      <OutboxPanel compact />
    </div>
  );
}

function UnitCards({ units }: { units: Unit[] }) {
  return (
    <ul className="field-cards">
      {units.map((unit) => <UnitCard key={unit.id} unit={unit} />)}
    </ul>
  );
}

function UnitCard({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { entries } = useOutboxState();
  const queued = pendingFor(entries, unit.id);
  const progress = optimisticProgress(unit.progress, entries, unit.id);
  const types = offeredSteps({ ...unit, progress }, user.role, user.unitId === unit.id).sort((a, b) => rank(a) - rank(b));
  const [open, setOpen] = useState<StepType | null>(null);
  /** the step just logged here: its line follows the outbox (sent, waiting, refused) */
  const [done, setDone] = useState<{ clientEventId: string; step: string } | null>(null);
  const titleId = `unit-${unit.id}-title`;

  return (
    <li className="field-card" aria-labelledby={titleId}>
      <h3 id={titleId} className="field-card__title">
        <Link to="/units/$id" params={{ id: unit.id }}>{unit.name}</Link> <span className="muted">{unit.code}</span>
      </h3>
      <p className="field-card__stages">
        {STAGES.map((s) => (
          <span key={s} className="field-card__stage">
            {t(`stage.${s}`)} <StatusBadge status={progress[s].status} label={stageLabel(progress[s], t)} />
          </span>
        ))}
      </p>
      {queued.length > 0 && <p><span className="badge badge--unsent">{t('outbox.unsentCount', { count: queued.length })}</span></p>}
      {done && <EntryStatus clientEventId={done.clientEventId} step={done.step} fallback={t('outbox.recorded', { step: done.step })} />}
      {open ? (
        <QuickStep
          unit={unit}
          type={open}
          onCancel={() => setOpen(null)}
          onDone={(result) => {
            setDone({ clientEventId: result.clientEventId, step: t(`step.${open}`) });
            setOpen(null);
          }}
        />
      ) : types.length > 0 ? (
        <div className="step-buttons" role="group" aria-label={t('fieldHome.nextSteps', { name: unit.name })}>
          {types.map((type) => (
            <button key={type} type="button" className={`button button--big${rank(type) > 3 ? ' button--secondary' : ''}`} onClick={() => { setDone(null); setOpen(type); }}>
              {t(`step.${type}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">{t('fieldHome.nothingToDo')}</p>
      )}
    </li>
  );
}
