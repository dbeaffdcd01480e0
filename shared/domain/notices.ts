// Urging notices (催办, docs/contract/areas.md): the pure rules the server, the print and the unit's page
// share — how a notice is numbered, what state it is in on a given day, and how each laggard
// flag reads to the unit that receives it.
import { addDays } from './dates.js';
import type { LaggardCategory, LaggardFlag } from './laggards.js';

export const NOTICE_STATUSES = ['open', 'answered', 'overdue', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** A respond-by date not given is a week after the day of issue. */
export const DEFAULT_RESPOND_DAYS = 7;
/** How far ahead a respond-by date may be set. */
export const MAX_RESPOND_DAYS = 90;
/** One batch prints one page per notice: more than this is a mistake in the filters. */
export const MAX_BATCH = 1000;

export const defaultRespondBy = (issuedOn: string) => addDays(issuedOn, DEFAULT_RESPOND_DAYS);

/** The notice's state on `today`: withdrawn and answered are final; open turns overdue after respond-by. */
export function noticeStatus(n: { withdrawnAt: unknown; answeredAt: unknown; respondBy: string }, today: string): NoticeStatus {
  if (n.withdrawnAt) return 'withdrawn';
  if (n.answeredAt) return 'answered';
  return n.respondBy < today ? 'overdue' : 'open';
}

/** 催办〔2026〕第 12 号: the installation-wide number of a notice issued before migration 0019 (its text is stored and kept); new ones are shared/domain/voice.ts noticeNumberOf */
export const noticeNumber = (year: number, seq: number) => `催办〔${year}〕第 ${seq} 号`;

/**
 * Each flag as the unit reads it, with what it must do. `{days}` is the flag's daysLate, whose
 * meaning differs by flag: days since the refusal, since the first postponement, past the due
 * date, past the grace after connection, without a step.
 */
const FLAG_WORDS: Record<LaggardCategory, { problem: string; today?: string; action: string }> = {
  refused_wiring: { problem: '拒绝电信技术人员进入办公室布线，已 {days} 天', today: '今天拒绝电信技术人员进入办公室布线', action: '立即安排专人配合电信技术人员进场布线' },
  repeated_postponement: { problem: '布线或接入多次推迟，自首次推迟起已 {days} 天', today: '布线或接入多次推迟', action: '确定并报告可以施工的具体日期，不再推迟' },
  unregistered_after_connection: { problem: '已完成接入，超过申报期限 {days} 天仍未在应用平台申报', action: '立即登录政务专网应用平台完成申报' },
  overdue_connection: { problem: '接入已超过截止日期 {days} 天', action: '配合电信技术人员尽快完成接入' },
  overdue_wiring: { problem: '布线已超过截止日期 {days} 天', action: '配合电信技术人员尽快完成布线' },
  stalled: { problem: '已 {days} 天没有任何进展', action: '与电信技术人员联系，恢复施工' },
};

/** A flag of 0 days (a refusal recorded today) reads as today's, not as "0 days". */
export function flagProblem(flag: LaggardFlag): string {
  const words = FLAG_WORDS[flag.category];
  return flag.daysLate === 0 && words.today ? words.today : words.problem.replace('{days}', String(flag.daysLate));
}

/** The flags' actions, each once, in the flags' order. */
export const flagActions = (flags: LaggardFlag[]) => [...new Set(flags.map((f) => FLAG_WORDS[f.category].action))];
