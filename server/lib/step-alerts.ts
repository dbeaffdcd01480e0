// The alerts a step write enqueues for the group robots, inside the step's own transaction: the
// alert rows for every channel that takes this alert land with the step or not at all. Which step
// raises which alert is shared/domain/notify-alerts.ts; the message, shared/domain/notify-digest.ts.
import type { DbOrTx } from '../../db/client.js';
import { enqueueAlert } from '../../db/queries/notify.js';
import { readSettings, rulesForArea } from '../../db/queries/settings.js';
import { localDateTime } from '../../shared/domain/dates.js';
import { alertForStep } from '../../shared/domain/notify-alerts.js';
import { postponementLimitAlert, registrationRejectedAlert, wiringRefusedAlert, type AlertSubject } from '../../shared/domain/notify-digest.js';
import type { Progress } from '../../shared/domain/progress.js';
import type { Stage } from '../../shared/domain/steps.js';
import type { Config } from '../config.js';

export interface StepAlertInput {
  stepId: string;
  type: string;
  stage: Stage;
  /** the unit as the step write read it: its county decides a postponement's limit */
  unit: { id: string; code: string; name: string; areaCode: string | null };
  actorName: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  progress: Progress;
}

/** The dashboard's page of a unit, when the installation knows its public address. */
export const unitLink = (config: Pick<Config, 'publicOrigin'>, unitId: string) =>
  config.publicOrigin ? `${config.publicOrigin}/units/${encodeURIComponent(unitId)}` : undefined;

/**
 * Called by the step write path inside the step's own transaction. Writes nothing for a step that
 * raises no alert or when no channel takes it.
 */
export async function enqueueStepAlerts(tx: DbOrTx, config: Pick<Config, 'publicOrigin'>, s: StepAlertInput): Promise<void> {
  // a postponement's limit is the unit's county's (inherited over its city and province)
  const settings = s.type.endsWith('.postponed') ? await rulesForArea(tx, s.unit.areaCode) : await readSettings(tx);
  const alert = alertForStep(s.type, s.progress.postponements, settings.postponementLimit);
  if (!alert) return;
  const reason = typeof s.data.reason === 'string' ? s.data.reason : null;
  const unit = { id: s.unit.id, code: s.unit.code, name: s.unit.name };
  const subject: AlertSubject = { unit, actor: s.actorName, at: localDateTime(s.occurredAt, settings.timezone), reason, link: unitLink(config, s.unit.id) };
  const body =
    alert === 'wiring_refused'
      ? wiringRefusedAlert(subject)
      : alert === 'registration_rejected'
        ? registrationRejectedAlert(subject)
        : postponementLimitAlert({ ...subject, stage: s.stage, postponements: s.progress.postponements, limit: settings.postponementLimit, until: typeof s.data.until === 'string' ? s.data.until : null });
  await enqueueAlert(tx, alert, `step:${s.stepId}:${alert}`, body, s.unit.id);
}
