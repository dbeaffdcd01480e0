// Urging notices (催办, docs/contract/areas.md): the pure rules the server, the print and the unit's page
// share — how a notice is numbered, what state it is in on a given day, and how each laggard
// flag reads to the unit that receives it.
import { addDays } from './dates.js';
import { CATEGORY_LABELS, compareFlags, STAGE_LABELS, type LaggardCategory, type LaggardFlag } from './laggards.js';
import { STAGES, type Stage } from './steps.js';

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
 * Each flag's problem as the unit reads it. `{days}` is the flag's daysLate, whose meaning
 * differs by flag: days since the refusal, since the first postponement, past the due date,
 * past the grace after connection, without a step.
 */
const PROBLEM_WORDS: Record<LaggardCategory, { problem: string; today?: string }> = {
  refused_wiring: { problem: '拒绝电信技术人员进入办公室布线，已 {days} 天', today: '今天拒绝电信技术人员进入办公室布线' },
  repeated_postponement: { problem: '布线或接入多次推迟，自首次推迟起已 {days} 天', today: '布线或接入多次推迟' },
  unregistered_after_connection: { problem: '已完成接入，超过申报期限 {days} 天仍未在应用平台申报' },
  overdue_connection: { problem: '接入已超过截止日期 {days} 天' },
  overdue_wiring: { problem: '布线已超过截止日期 {days} 天' },
  stalled: { problem: '已 {days} 天没有任何进展' },
  // training (docs/contract/training.md)
  report_back_overdue: { problem: '信息化骨干参训后超过汇报期限 {days} 天仍未向单位领导汇报' },
  training_absent: { problem: '未派员参加骨干培训，已 {days} 天' },
  no_backbone: { problem: '超过填报期限 {days} 天仍未明确信息化业务骨干' },
};

/** A flag of 0 days (a refusal recorded today) reads as today's, not as "0 days". */
export function flagProblem(flag: LaggardFlag): string {
  const words = PROBLEM_WORDS[flag.category];
  return flag.daysLate === 0 && words.today ? words.today : words.problem.replace('{days}', String(flag.daysLate));
}

/**
 * The flag as the board names it, then the problem in words: 拒绝布线：拒绝电信技术人员…
 * A stall names its stage (a unit may stall in two stages at once).
 */
export function flagProblemLine(flag: LaggardFlag): string {
  const label = CATEGORY_LABELS[flag.category].zh + (flag.category === 'stalled' && flag.stage ? `（${STAGE_LABELS[flag.stage].zh}）` : '');
  return `${label}：${flagProblem(flag)}`;
}

/**
 * What the unit must do about one open stage, from the flags it carries there, strongest first:
 * a refusal outranks an overdue date, which outranks a stall. One sentence per stage, so a
 * stage is never asked for twice.
 */
const STAGE_ACTIONS: Record<Stage, { when: LaggardCategory; action: string }[]> = {
  wiring: [
    { when: 'refused_wiring', action: '立即安排专人配合电信技术人员进场，尽快完成布线' },
    { when: 'overdue_wiring', action: '配合电信技术人员尽快完成布线' },
    { when: 'stalled', action: '与电信技术人员联系，恢复布线施工' },
  ],
  connection: [
    { when: 'overdue_connection', action: '配合电信技术人员尽快完成接入' },
    { when: 'stalled', action: '与电信技术人员联系，恢复接入施工' },
  ],
  registration: [
    { when: 'unregistered_after_connection', action: '立即登录政务专网应用平台完成申报' },
    { when: 'stalled', action: '尽快补齐材料，完成应用平台申报' },
  ],
};
/** The training flags' actions (docs/contract/training.md), after the network stages', in the order a unit meets them. */
const TRAINING_ACTIONS: { when: LaggardCategory; action: string }[] = [
  { when: 'no_backbone', action: '明确一名信息化业务骨干，并在系统中填报姓名、职务和电话' },
  { when: 'training_absent', action: '派信息化骨干参加下一期同主题培训' },
  { when: 'report_back_overdue', action: '参训人员立即向单位领导汇报培训内容，并由联络员登记汇报情况' },
];
/** Postponements count across stages: their action is about dates, after the stages'. */
const POSTPONEMENT_ACTION = '确定并书面报告可以施工的具体日期，不再推迟';

export interface NoticeText {
  /** one line per flag, stage order (postponement, which has none, first), in the board's words */
  problems: string[];
  /** one action per open stage in stage order (布线, 接入, 申报), then the postponement's */
  actions: string[];
}

// postponement (no stage) first, then the network's stages, training last
const stageRank = (s: Stage | 'training' | null) => (s === null ? -1 : s === 'training' ? STAGES.length : STAGES.indexOf(s));

/** The body of a notice from its flags: what is wrong and what to do, each said once, in stage order. */
export function noticeText(flags: readonly LaggardFlag[]): NoticeText {
  const ordered = [...flags].sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || compareFlags(a, b));
  const seen = new Set<string>();
  const problems = ordered.map(flagProblemLine).filter((line) => !seen.has(line) && seen.add(line));
  const actions: string[] = [];
  for (const stage of STAGES) {
    const here = new Set(flags.filter((f) => f.stage === stage).map((f) => f.category));
    const rule = STAGE_ACTIONS[stage].find((r) => here.has(r.when));
    if (rule) actions.push(rule.action);
  }
  if (flags.some((f) => f.category === 'repeated_postponement')) actions.push(POSTPONEMENT_ACTION);
  for (const rule of TRAINING_ACTIONS) if (flags.some((f) => f.category === rule.when)) actions.push(rule.action);
  return { problems, actions };
}

/** The flags' actions, each once, in stage order (kept for callers that want only these). */
export const flagActions = (flags: LaggardFlag[]) => noticeText(flags).actions;

/**
 * Why a batch leaves a unit out (docs/contract/api.md "Each level's voice"), strongest first:
 * urged today already, a notice still waiting for its answer (open or overdue), or a notice the
 * office withdrew within WITHDRAWN_RECENT_DAYS (withdrawn "经研究暂缓催办": urging again at once
 * would undo that decision). The office may still include such a unit by name.
 */
export const BATCH_SKIP_REASONS = ['urged_today', 'open_notice', 'withdrawn_recently'] as const;
export type BatchSkipReason = (typeof BATCH_SKIP_REASONS)[number];
export const WITHDRAWN_RECENT_DAYS = 14;

export interface NoticeFact {
  issuedOn: string;
  answered: boolean;
  /** the day of the withdrawal in the campaign's time zone, when withdrawn */
  withdrawnOn: string | null;
}

/** The reason a batch of `today` leaves the unit with these notices out, or null to urge it. */
export function batchSkipReason(notices: readonly NoticeFact[], today: string): BatchSkipReason | null {
  const waiting = notices.filter((n) => !n.answered && !n.withdrawnOn);
  if (waiting.some((n) => n.issuedOn === today)) return 'urged_today';
  if (waiting.length) return 'open_notice';
  const since = addDays(today, -WITHDRAWN_RECENT_DAYS);
  if (notices.some((n) => n.withdrawnOn && n.withdrawnOn >= since)) return 'withdrawn_recently';
  return null;
}

/**
 * What a 督办 to an area records of it at the moment of issue (as a unit's notice records its
 * flags): the area's roll-up figures and its worst units, ranked as the board ranks them.
 */
export interface AreaSnapshot {
  row: {
    totalUnits: number;
    onboarded: number;
    onboardedShare: number;
    laggards: number;
    byCategory: Partial<Record<LaggardCategory, number>>;
  };
  worst: { unit: { id: string; code: string; name: string }; flags: LaggardFlag[]; severity: number }[];
}
/** How many of the area's worst units a 督办 names. */
export const SNAPSHOT_WORST = 5;

/**
 * Who may press an area (督办): an office whose scope strictly contains it — a city its counties,
 * a province its cities and counties, the whole installation any area. Never its own area, nor
 * one above or beside it.
 */
export const mayUrgeArea = (scope: string | null, area: string) => scope === null || (area.startsWith(scope) && area.length > scope.length);
