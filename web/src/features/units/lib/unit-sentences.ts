// The one place that words what the unit's page says about its stages: the registration notice
// (returned, awaiting review) and each laggard flag with what to do. Sentences are joined here,
// so a reason that ends in "。" never makes "。。", and a unit that has submitted is never told
// it "仍未申报". tests/web/unit-sentences.test.ts walks every stage state × role.
import type { TFunction } from 'i18next';
import type { Role } from '../../../../../shared/domain/catalogue.js';
import type { UnitDetail } from '../../../../../shared/schemas/index.js';

type LaggardFlag = UnitDetail['laggard']['flags'][number];

type Progress = UnitDetail['progress'];

/** Who the unit turns to, and where it registers: shown in the sentences when known. */
export interface UnitHelp {
  technician?: { displayName: string; phone?: string | null } | null;
  platformUrl?: string | null;
  helpdeskPhone?: string | null;
}

export interface Sentence {
  title?: string;
  text: string;
}

const END = /[。．.!！?？；;，,\s]+$/;

/** Sentences joined as the language writes them: each ends in one stop ("。"), whatever its writer put there. */
export function joinSentences(stop: string, ...parts: (string | null | undefined | false)[]): string {
  return parts
    .map((p) => (p ? p.replace(END, '').trim() : ''))
    .filter(Boolean)
    .map((p) => `${p}${stop}`)
    .join('')
    .trim();
}

/** A returned or awaiting registration, as a notice above the stages; null when neither. */
export function registrationSentence(progress: Progress, submittedRef: string, t: TFunction): (Sentence & { tone: 'error' | 'info' }) | null {
  const reg = progress.registration;
  if (reg.status === 'blocked' && reg.blockedBy === 'rejected') {
    const reason = reg.reason?.trim() || '—';
    // a reason that already asks for a resubmission is not followed by the same ask
    const asks = /重新提交|重新申报|resubmit/i.test(reason);
    return { tone: 'error', title: t('unit.rejectedTitle'), text: joinSentences(t('unitWords.stop'), t('unitWords.rejectedBecause', { reason }), !asks && t('unitWords.resubmit')) };
  }
  if (reg.awaitingReview && reg.status === 'in_progress') {
    return { tone: 'info', title: t('unit.awaitingTitle'), text: t('unit.awaitingBody', { ref: submittedRef || '—' }) };
  }
  return null;
}

/** Where the registration stands once it was sent: it then is not "not registered". */
const submitted = (progress: Progress) =>
  (progress.registration.status === 'in_progress' && Boolean(progress.registration.awaitingReview)) ||
  (progress.registration.status === 'blocked' && progress.registration.blockedBy === 'rejected');

/** One laggard flag: what is wrong, and what to do (asking the unit itself when it reads). */
export function flagSentence(flag: LaggardFlag, progress: Progress, role: Role, help: UnitHelp, t: TFunction): string {
  const own = role === 'unit';
  const stage = flag.stage ? t(`stage.${flag.stage}`) : '';
  let what: string;
  let todo: string;
  if (flag.category === 'unregistered_after_connection' && submitted(progress)) {
    const rejected = progress.registration.status === 'blocked';
    what = t(rejected ? 'unitWords.lateRejected' : 'unitWords.lateAwaiting', { days: flag.daysLate });
    todo = t(rejected ? 'unitWords.todoRejected' : 'unitWords.todoAwaiting');
  } else {
    what = t(`unitLaggard.what.${flag.category}`, { days: flag.daysLate, count: progress.postponements, stage });
    todo = t(`unitLaggard.todo.${flag.category}`);
  }
  const ask = `${t(own ? 'unitLaggard.askOwn' : 'unitLaggard.ask')}${todo.replace(END, '')}`;
  return joinSentences(t('unitWords.stop'), what, ask, ...helpFor(flag, help, t));
}

/** Who and where: the technician for the crew's stages, the platform and its helpdesk for the registration. */
function helpFor(flag: LaggardFlag, help: UnitHelp, t: TFunction): string[] {
  if (flag.category === 'unregistered_after_connection') {
    return [
      help.platformUrl ? t('unitWords.platform', { url: help.platformUrl }) : '',
      help.helpdeskPhone ? t('unitWords.helpdesk', { phone: help.helpdeskPhone }) : '',
    ];
  }
  const tech = help.technician;
  if (!tech) return [t('unitWords.noTechnician')];
  return [tech.phone ? t('unitWords.technicianPhone', { name: tech.displayName, phone: tech.phone }) : t('unitWords.technician', { name: tech.displayName })];
}
