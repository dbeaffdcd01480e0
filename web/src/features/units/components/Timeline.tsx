// The unit's steps, newest first: who logged what and when; voided steps struck through.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dataKey } from '../../../i18n/keys.js';
import { isStepType } from '../../../../../shared/domain/steps.js';
import type { Step } from '../../../../../shared/schemas/index.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { ownReason } from './stage-label.js';
import { VoidDialog } from './VoidDialog.js';

const DATA_FIELDS = ['reasonCode', 'reason', 'plannedDate', 'until', 'circuitId', 'platformRef'] as const;
/** A step logged later than it happened (offline sync) shows both times. */
const LATE_ENTRY_MS = 10 * 60_000;

/** The step an office user may void: the latest that is not void. */
export function latestLiveStep(steps: readonly Step[]): Step | undefined {
  return [...steps].reverse().find((s) => !s.voided);
}

export function Timeline({ steps, canVoid }: { steps: Step[]; canVoid: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [voiding, setVoiding] = useState<Step | null>(null);
  const latest = canVoid ? latestLiveStep(steps) : undefined;
  const stepName = (step: Step) => (isStepType(step.type) ? t(`step.${step.type}`) : step.type);

  if (steps.length === 0) return <p className="empty">{t('unit.noSteps')}</p>;

  return (
    <>
      <ol className="timeline">
        {[...steps].reverse().map((step) => (
          <li key={step.id} className={step.voided ? 'timeline__item timeline__item--void' : 'timeline__item'}>
            <p className="timeline__head">
              <span className={step.voided ? 'timeline__name struck' : 'timeline__name'}>{stepName(step)}</span>
              {step.voided && <span className="badge badge--void">{t('unit.voided')}</span>}
              <time dateTime={step.occurredAt}>{format.dateTime(step.occurredAt)}</time>
            </p>
            <p className="timeline__meta">
              {t('unit.recordedBy', { name: step.actor.displayName, role: t(`role.${step.actor.role}`) })}
              {Date.parse(step.recordedAt) - Date.parse(step.occurredAt) > LATE_ENTRY_MS && (
                <> · {t('unit.recordedAt', { time: format.dateTime(step.recordedAt) })}</>
              )}
            </p>
            <StepData step={step} />
            {step.voided && (
              <p className="timeline__void">
                {step.voidReason && t('unit.voidedBecause', { reason: step.voidReason })}
                {step.voidedBy && <> · {t('unit.voidedBy', { name: step.voidedBy.displayName, time: format.dateTime(step.voidedAt) })}</>}
              </p>
            )}
            {latest?.id === step.id && (
              <button type="button" className="button button--small button--secondary" onClick={() => setVoiding(step)}>
                {t('void.action')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {voiding && <VoidDialog step={voiding} stepName={stepName(voiding)} onClose={() => setVoiding(null)} />}
    </>
  );
}

function StepData({ step }: { step: Step }) {
  const { t } = useTranslation();
  const format = useFormat();
  // a reason that is only the category's words was stored for the contract: the category row says it
  const shownFields = DATA_FIELDS.filter((f) => f !== 'reason' || ownReason(String(step.data.reason ?? ''), step.data.reasonCode as string | undefined));
  const rows: (readonly [string, string])[] = shownFields.filter((f) => step.data[f] !== undefined && step.data[f] !== null && step.data[f] !== '').map((f) => {
    const value = String(step.data[f]);
    const shown = f === 'reasonCode' ? t(`reason.${value}`, { defaultValue: value }) : f === 'plannedDate' || f === 'until' ? format.date(value) : value;
    return [f as string, shown] as const;
  });
  if (step.note) rows.push(['note', step.note]);
  if (rows.length === 0) return null;
  return (
    <dl className={step.voided ? 'timeline__data struck' : 'timeline__data'}>
      {rows.map(([f, v]) => (
        <div key={f}>
          <dt>{t(dataKey(`field.${f}`))}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
