// Recording and voiding steps. A step is checked against the unit's stored progress and written
// (step, new progress, audit row) by one statement, only if the unit's revision is still the one
// read; a void is one transaction that locks the unit. Either bumps the revision, so a writer
// that read before it writes nothing, reads again under the unit's lock, and is judged anew.
// The unit is read through the actor's reach: one outside it is the unknown unit's 404.
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { appendStep, findByClientEventId, findStepInReach, latestLiveStep, listFeed, listUnitSteps, liveSteps, markVoided, toFact, toStep, type StepRow } from '../../../db/queries/steps.js';
import { findUnitInReach, type UnitRow } from '../../../db/queries/units.js';
import { narrowTo } from '../../../shared/domain/areas.js';
import { STEP_ALERTS } from '../../../shared/domain/notify-alerts.js';
import { applyStep, checkStep, deriveProgress, mayRecord, type Progress } from '../../../shared/domain/progress.js';
import { backdateLimitDays, earliestOccurredAt, fieldTimeBound, STEP_RULES, UNIT_BACKDATE_DAYS } from '../../../shared/domain/steps.js';
import { rulesForArea } from '../../../db/queries/settings.js';
import type { EventsQuery, Step, StepInput } from '../../../shared/schemas/steps.js';
import type { Config } from '../../config.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { ApiError, fail, isUniqueViolation, isUuid } from '../../lib/errors.js';
import { enqueueStepAlerts } from '../../lib/step-alerts.js';
import { iso } from '../../lib/time.js';
import { unitOutOfReach } from '../../lib/unit-reach.js';
import { announce, LIVE_CHANNEL } from '../../plugins/live.js';

/** What a step write needs beside the actor: the database, and the config its alerts link with. */
export interface StepDeps {
  db: Db;
  config: Config;
}

export interface Recorded {
  created: boolean;
  event: Step;
  progress: Progress;
}

const ownOnly = 'a unit contact may record steps only for its own unit';

async function replay(db: Db, actor: Actor, unitId: string, row: StepRow, refusal: unknown): Promise<Recorded> {
  if (actor.role === 'unit' && actor.unitId !== row.unitId) throw fail.forbidden(ownOnly);
  // the unit named must be one the caller reaches, or the write's own refusal (its 404) stands:
  // a retried id tells nothing of a unit outside the reach, neither its step nor its progress
  const unit = await findUnitInReach(db, actor.reach, unitId);
  if (!unit) throw refusal;
  // a retry is of the same unit's step: an id already used for another unit answers nothing about that step
  if (row.unitId !== unitId) throw fail.conflict('this clientEventId was already used for a step of another unit: give the step a new one');
  return { created: false, event: toStep(row), progress: unit.progress };
}

export async function recordStep(deps: StepDeps, actor: Actor, unitId: string, input: StepInput): Promise<Recorded> {
  try {
    return await record(deps, actor, unitId, input);
  } catch (err) {
    // A retry of a step already recorded answers with that step, whatever else it says; looked
    // up only when the write is refused, so the usual first send costs no extra query.
    if (input.clientEventId && (isUniqueViolation(err) || (err instanceof ApiError && err.status < 500))) {
      const existing = await findByClientEventId(deps.db, input.clientEventId);
      if (existing) return replay(deps.db, actor, unitId, existing, err);
    }
    throw err;
  }
}

async function record(deps: StepDeps, actor: Actor, unitId: string, input: StepInput): Promise<Recorded> {
  const { db } = deps;
  const own = actor.role === 'unit' && actor.unitId === unitId;
  if (!mayRecord(actor.role, input.type, own)) {
    throw fail.forbidden(actor.role === 'unit' && !own ? ownOnly : `the ${actor.role} role may not record ${input.type}`);
  }
  // Optimistic first: read the unit, check, and write only if nobody changed it in between (two
  // round trips, no transaction). A refusal stands on the progress as read, which was the
  // unit's state at that moment. A writer that lost the race takes the unit's lock and checks
  // again, so a busy unit still makes progress and no step is stored on stale progress.
  const unit = await findUnitInReach(db, actor.reach, unitId);
  if (!unit) throw fail.notFound('unit');
  await checkBackdating(db, actor, unit, input);
  const written = await append(deps, db, actor, unit, input);
  if (written) return written;
  return db.transaction(async (tx) => {
    const locked = await findUnitInReach(tx, actor.reach, unitId, { lock: true });
    if (!locked) throw fail.notFound('unit');
    const again = await append(deps, tx, actor, locked, input);
    if (!again) throw new Error('a locked unit changed under its lock');
    return again;
  });
}

/**
 * Backdating is bounded by role (docs/contract/domain.md "The record"): 400 naming occurredAt.
 * The area's backdateDays (at least 1) is read only for a step dated more than a day back, so
 * the usual step costs no extra query.
 */
async function checkBackdating(db: DbOrTx, actor: Actor, unit: UnitRow, input: StepInput): Promise<void> {
  if (!input.occurredAt) return;
  const at = Date.parse(input.occurredAt);
  const now = Date.now();
  if (at >= now - 86_400_000) return;
  const backdateDays = actor.role === 'unit' ? UNIT_BACKDATE_DAYS : (await rulesForArea(db, unit.areaCode)).backdateDays;
  if (at >= earliestOccurredAt(actor.role, backdateDays, now).getTime()) return;
  const days = backdateLimitDays(actor.role, backdateDays);
  const message = `不能早于 ${days} 天前：${actor.role === 'unit' ? '单位联系人' : '技术人员和办公室'}最多补记 ${days} 天前发生的步骤`;
  throw fail.validation(`invalid body: occurredAt ${message}`, [{ field: 'occurredAt', message, limitDays: days }]);
}

/**
 * Checks the step against the unit's progress as read, and appends it if that is still current.
 * Every check here (the stage machine, field-time order) stands on the same progress the
 * compare-and-swap write is conditioned on: a concurrent step makes the write miss, and the
 * step is judged again under the unit's lock, so two racing steps cannot both pass.
 */
async function append(deps: StepDeps, db: DbOrTx, actor: Actor, unit: UnitRow, input: StepInput): Promise<Recorded | undefined> {
  const rule = STEP_RULES[input.type];
  const refusal = checkStep(unit.progress, input.type);
  if (refusal) throw fail.transition(refusal.message, { reason: refusal.code, stage: rule.stage, progress: unit.progress });
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
  const notBefore = fieldTimeBound(unit.progress.lastEventAt, occurredAt);
  if (notBefore) {
    throw fail.transition(`发生时间不能早于本单位最近一条有效步骤的发生时间 ${notBefore}：现场时间只能向前；更正过去请由办公室作废后重记`, {
      reason: 'before_latest_step',
      notBefore,
      stage: rule.stage,
      progress: unit.progress,
    });
  }
  const progress = applyStep(unit.progress, { type: input.type, occurredAt: iso(occurredAt), data: input.data });
  const step = {
    unitId: unit.id,
    seq: unit.stepCount + 1,
    type: input.type,
    stage: rule.stage,
    occurredAt,
    actor,
    note: input.note ?? null,
    data: input.data,
    clientEventId: input.clientEventId ?? null,
    progress,
    revision: unit.revision,
    ip: actor.ip,
    channel: LIVE_CHANNEL,
  };
  // a step that may raise an alert to the group chats writes it in its own transaction; the
  // unit as read (with its county) goes along, so the alert does not read it again
  const row = STEP_ALERTS[input.type]
    ? await db.transaction(async (tx) => {
        const written = await appendStep(tx, step);
        if (written) {
          await enqueueStepAlerts(tx, deps.config, { stepId: written.id, type: input.type, stage: rule.stage, unit, actorName: actor.displayName, occurredAt, data: input.data, progress });
        }
        return written;
      })
    : await appendStep(db, step);
  return row && { created: true, event: toStep(row), progress };
}

export async function voidStep(db: Db, actor: Actor, stepId: string, reason: string): Promise<Recorded> {
  const target = await findStepInReach(db, actor.reach, stepId);
  if (!target) throw fail.notFound('step');
  return db.transaction(async (tx) => {
    // the unit locked through the reach as it is now: an office narrowed meanwhile voids nothing outside it
    const me = await actingNow(tx, actor);
    const unit = await findUnitInReach(tx, me.reach, target.unitId, { lock: true });
    if (!unit) throw fail.notFound('step');
    const latest = await latestLiveStep(tx, unit.id);
    if (!latest || latest.id !== target.id) {
      throw fail.conflict(target.voided ? 'this step is already void' : "only the unit's most recent live step can be voided", { latestStepId: latest?.id ?? null });
    }
    const remaining = (await liveSteps(tx, unit.id)).filter((s) => s.id !== target.id);
    const progress = deriveProgress(remaining.map(toFact), iso(unit.createdAt));
    const row = await markVoided(tx, { stepId: target.id, unitId: unit.id, by: me, reason, progress });
    await appendAudit(tx, me, { action: 'step.void', target: `unit:${unit.id}`, details: { stepId: row.id, type: row.type, reason } });
    await announce(tx, { unitId: unit.id, stepId: row.id, type: row.type, voided: true });
    return { created: true, event: toStep(row), progress };
  });
}

/** GET /api/units/:id/events: the unit's steps, the unit read through the actor's reach. */
export async function unitSteps(db: DbOrTx, actor: Actor, unitId: string, page: { page: number; pageSize: number }) {
  const unit = await findUnitInReach(db, actor.reach, unitId);
  if (!unit) throw unitOutOfReach(actor, unitId);
  return listUnitSteps(db, unit.id, page);
}

/** GET /api/events: the steps of the units inside the actor's scope (and `area=`, which must lie inside it). */
export async function feed(db: DbOrTx, actor: Actor, q: z.infer<typeof EventsQuery>) {
  const area = narrowTo(actor.scope, q.area);
  if (!area.ok) throw fail.notFound('area');
  // a unitId that names no unit filters everything out
  if (q.unitId && !isUuid(q.unitId)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  return listFeed(db, { ...q, area: area.area });
}
