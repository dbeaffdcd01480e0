// One unit: its stages, what to do next, deadlines, contact and the history of its steps.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nKey } from '../../../i18n/keys.js';
import type { Step, Unit } from '../../../../../shared/schemas/index.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { Link } from '@tanstack/react-router';
import { cameFrom } from '../../../shared/router/history.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useUnit } from '../api/get-unit.js';
import { useUnitEvents } from '../api/get-unit-events.js';
import { isStepEntry, NotKeptPage, OfflineStamp, optimisticProgress, pendingFor, useKeptAnswer, useOutboxState } from '../../field/index.js';
import { AssignPanel } from './AssignPanel.js';
import { LaggardNotice } from './LaggardNotice.js';
import { UnsentNotice } from './UnsentNotice.js';
import { ReviewPanel, submittedRef } from './ReviewPanel.js';
import { StageCards } from './StageCards.js';
import { StepForm } from './step-form/StepForm.js';
import { Timeline } from './Timeline.js';
import { UnitDetails } from './UnitDetails.js';
import { UnitNotices } from '../../notices/index.js';
import { registrationSentence } from '../lib/unit-sentences.js';
import { helpOf } from '../lib/unit-help.js';
import { HelpPanel } from './HelpPanel.js';
import { BackbonePanel } from '../../training/index.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { reviewWaitDays } from '../../../../../shared/domain/review.js';

export function UnitPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const unit = useUnit(id);
  const events = useUnitEvents(id);
  const { entries } = useOutboxState();

  // offline: the device's copy (a technician's units are kept at login and after each sync)
  const kept = useKeptAnswer(unit);
  const keptSteps = useKeptAnswer(unit, events);

  if (kept.missing) return <NotKeptPage />;
  if (kept.error) return <PageError error={kept.error} onRetry={() => void unit.refetch()} />;
  if (unit.data === undefined) return <Loading />;
  const u = unit.data;
  const steps = events.data ?? [];
  const queued = pendingFor(entries, u.id);
  const refused = entries.filter(isStepEntry).filter((e) => e.unitId === u.id && e.status === 'refused' && e.userId === user.id);
  const progress = optimisticProgress(u.progress, entries, u.id);
  const awaiting = Boolean(u.progress.registration.awaitingReview) && u.progress.registration.status === 'in_progress';

  return (
    <article className="unit-page">
      {user.role !== 'unit' && <BackLink />}
      <div className="page-head">
        <h1>
          {u.name} <span className="muted unit-page__code">{u.code} · {t(`kind.${u.kind}`)}</span>
        </h1>
        {u.progress.onboarded && <span className="badge badge--done">{t('unit.onboarded')}</span>}
        {user.role === 'office' && (
          <p className="page-head__actions">
            <Link className="button button--secondary" to="/units/$id/edit" params={{ id: u.id }}>{t('unit.edit')}</Link>
          </p>
        )}
      </div>
      <OfflineStamp at={keptSteps.keptAt ?? kept.keptAt} />
      <RegistrationNotice unit={u} steps={steps} />
      <LaggardNotice laggard={u.laggard} progress={u.progress} help={helpOf(u)} />
      <UnsentNotice entries={queued} refused={refused} />
      <UnitNotices unit={u} />
      <BackbonePanel unitId={u.id} />
      <StageCards progress={progress} unsentStages={new Set(queued.map((e) => e.step.type.split('.')[0]))} />
      {user.role === 'office' && awaiting && <ReviewPanel unit={u} steps={steps} />}
      <HelpPanel unit={u} />
      {user.role !== 'viewer' && <StepForm key={u.id} unit={u} progress={progress} previousRef={submittedRef(steps)} />}
      <AssignPanel unit={u} />
      <UnitDetails unit={u} />
      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('unit.timeline')}</h2>
        {events.data !== undefined ? (
          <Timeline steps={steps} canVoid={user.role === 'office' && keptSteps.keptAt === null} />
        ) : events.isError ? (
          <ErrorNotice error={events.error} />
        ) : keptSteps.missing ? (
          <p className="empty">{t('fieldHome.offlineNoData')}</p>
        ) : (
          <Loading />
        )}
      </section>
    </article>
  );
}

/** Where this unit was opened from (the board or the units list, with their filters), else the units list. */
const BACK_LABELS: Record<string, I18nKey> = {
  '/laggards': 'unit.backToLaggards',
  '/laggards/bulletin': 'unit.backToBulletin',
  '/units': 'unit.backToList',
  '/field': 'unit.backToField',
  '/assignments': 'unit.backToAssignments',
  '/outbox': 'unit.backToOutbox',
};

export function backTarget(from: string | null): { to: string; label: I18nKey } {
  if (!from) return { to: '/units', label: 'unit.backToList' };
  const path = from.split(/[?#]/)[0];
  return { to: from, label: BACK_LABELS[path] ?? 'unit.back' };
}

function BackLink() {
  const { t } = useTranslation();
  // read once: the entry's state is what it was opened with
  const [back] = useState(() => backTarget(cameFrom()));
  return <p className="breadcrumb no-print"><Link to="." href={back.to}>← {t(back.label)}</Link></p>;
}

/** What the unit's own contact most needs to know about its registration (lib/unit-sentences.ts words it). */
function RegistrationNotice({ unit, steps }: { unit: Unit; steps: Step[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const said = registrationSentence(unit.progress, submittedRef(steps), t);
  if (!said) return null;
  const reg = unit.progress.registration;
  // "The record": the wait is the office's, and the title says how long it has been
  const waiting = reg.awaitingReview && reg.status === 'in_progress';
  return (
    <div className={`notice notice--${said.tone}`} role="status">
      {waiting ? (
        <p className="notice__title" data-testid="awaiting-review">{t('record.awaitingFor', { count: reviewWaitDays(unit.progress, format.timezone, format.today()) ?? 0 })}</p>
      ) : (
        <p className="notice__title">{said.title}</p>
      )}
      <p>{said.text}</p>
    </div>
  );
}
