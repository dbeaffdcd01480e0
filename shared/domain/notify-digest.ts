// The daily digest and the instant alerts as the office's group reads them on a phone: plain
// Chinese markdown that both robots render, cut to the robot's size limit.
import { CATEGORY_LABELS, LAGGARD_CATEGORIES, STAGE_LABELS, type LaggardCategory, type LaggardFlag } from './laggards.js';
import { percentText } from './vocabulary.js';
import type { Stage } from './steps.js';

/** A robot's limit on one markdown message, in UTF-8 bytes (WeChat Work: 4,096; DingTalk takes more, held to the same). */
export const MESSAGE_MAX_BYTES = { wecom: 4096, dingtalk: 4096 } as const;
/** the worst laggards named with their problems; the rest by name, as many as fit */
const DIGEST_WORST = 5;
const NAME_MAX = 40;
/** the units due soon named in the digest's head; the rest counted */
const DUE_SOON_NAMED = 5;

export interface Message {
  /** DingTalk shows it in the chat list; WeChat Work ignores it */
  title: string;
  text: string;
}

const encoder = new TextEncoder();
export const byteLength = (s: string) => encoder.encode(s).length;

/** A name or reason as text inside markdown: one line, no markup of its own, not too long. */
function plain(s: string, max = NAME_MAX): string {
  const one = s
    .replace(/\s+/g, ' ')
    .replace(/[*_`#>[\]<]/g, (c) => ({ '*': '＊', _: '＿', '`': '｀', '#': '＃', '>': '＞', '[': '［', ']': '］', '<': '＜' })[c]!)
    .trim();
  return [...one].length > max ? `${[...one].slice(0, max - 1).join('')}…` : one;
}

const share = (part: number, total: number) => percentText(part, total);
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '±0');

function flagInWords(f: LaggardFlag): string {
  const label = CATEGORY_LABELS[f.category].zh;
  if (f.category === 'refused_wiring') return `${label}已 ${f.daysLate} 天`;
  if (f.category === 'repeated_postponement') return `${label}（首次推迟已 ${f.daysLate} 天）`;
  if (f.category === 'stalled') return `${f.stage ? STAGE_LABELS[f.stage].zh : ''}${label} ${f.daysLate} 天`;
  return `${label} ${f.daysLate} 天`;
}

export interface DigestFacts {
  totalUnits: number;
  onboarded: number;
  laggards: number;
}

export interface DigestInput {
  /** the day the digest is for, YYYY-MM-DD in the installation's time zone */
  date: string;
  totals: DigestFacts;
  /** the previous digest's counts and date, if there was one */
  previous?: (DigestFacts & { date: string }) | null;
  /** the change over the week before (the leaders' view): the counts then and the units that moved */
  week?: { date: string; onboarded: number; laggards: number; newlyOnboarded: number; newLaggards: number; resolved: number } | null;
  byCategory: Record<LaggardCategory, number>;
  /** units not yet late, due within `days` (临近到期): how many, and the soonest by name */
  dueSoon?: { days: number; total: number; names: readonly string[] } | null;
  /** laggards ranked most serious first; may be fewer than totals.laggards */
  laggards: readonly { name: string; flags: readonly LaggardFlag[] }[];
  /** "The record": registrations awaiting the office's review (not the units' delay), and the oldest wait in days */
  review?: { awaiting: number; oldestDays: number | null } | null;
  /** the laggard board's address, when the public origin is known */
  link?: string;
  maxBytes: number;
  /** the channel's area speaking (docs/contract/areas.md "Each level's voice"): its name and 全区/全县…; absent: the installation */
  voice?: { areaName: string; whole: string } | null;
}

/**
 * The digest: totals and share onboarded, the change since the previous digest, laggards by
 * category, the five worst with their problems in words, then other laggards by name; whatever
 * does not fit in `maxBytes` is left out and counted ("…另有 N 个单位"), the link kept.
 */
export function buildDigest(d: DigestInput): Message {
  const t = d.totals;
  const who = d.voice?.areaName ?? '';
  const head: string[] = [
    `### ${who}政务专网接入日报（${d.date}）`,
    `${d.voice?.whole ?? '全部'} **${t.totalUnits}** 个单位，已完成接入并申报 **${t.onboarded}** 个，完成率 **${share(t.onboarded, t.totalUnits)}**。`,
  ];
  if (d.previous) {
    head.push(`较上次（${d.previous.date}）：完成 ${signed(t.onboarded - d.previous.onboarded)} 个，落后单位 ${signed(t.laggards - d.previous.laggards)} 个。`);
  }
  if (d.week) {
    const w = d.week;
    head.push(
      `较上周（${w.date}）：完成 ${signed(t.onboarded - w.onboarded)} 个（新增完成 ${w.newlyOnboarded} 个），落后单位 ${signed(t.laggards - w.laggards)} 个（新增落后 ${w.newLaggards} 个，已解决 ${w.resolved} 个）。`,
    );
  }
  if (t.laggards === 0) {
    head.push('目前没有进度落后的单位。');
  } else {
    const parts = LAGGARD_CATEGORIES.filter((c) => d.byCategory[c] > 0).map((c) => `${CATEGORY_LABELS[c].zh} ${d.byCategory[c]}`);
    head.push(`落后单位 **${t.laggards}** 个：${parts.join('，')}。`);
  }
  // the office's own queue, said apart from the laggards: waiting for review is not the unit's delay
  if (d.review && d.review.awaiting > 0) {
    const oldest = d.review.oldestDays === null ? '' : `，最久已等待 ${d.review.oldestDays} 天`;
    head.push(`待审核申报 **${d.review.awaiting}** 个${oldest}（政府办审核队列，不计入落后单位）。`);
  }
  if (d.dueSoon && d.dueSoon.total > 0) {
    const shown = d.dueSoon.names.slice(0, DUE_SOON_NAMED).map((n) => plain(n));
    const more = d.dueSoon.total > shown.length ? ` 等` : '';
    head.push(`临近到期（${d.dueSoon.days} 天内）**${d.dueSoon.total}** 个：${shown.join('、')}${more}。`);
  }

  // one entry per unit, a section's heading going with its first unit
  const entries = d.laggards.map((l, i) =>
    i < DIGEST_WORST
      ? `${i === 0 ? '\n\n**最落后的单位**' : ''}\n${i + 1}. ${plain(l.name)}：${l.flags.map(flagInWords).join('；')}`
      : `${i === DIGEST_WORST ? '\n\n**其他落后单位**：' : '、'}${plain(l.name)}`,
  );

  const footer = (omitted: number) => {
    const lines: string[] = [];
    if (omitted > 0) lines.push(`…另有 ${omitted} 个单位`);
    if (d.link) lines.push(`[查看落后单位](${d.link})`);
    return lines.length ? `\n\n${lines.join('\n')}` : '';
  };

  let body = head.join('\n');
  let bytes = byteLength(body);
  let shown = 0;
  for (const entry of entries) {
    const next = bytes + byteLength(entry);
    if (next + byteLength(footer(t.laggards - shown - 1)) > d.maxBytes) break;
    body += entry;
    bytes = next;
    shown++;
  }
  let text = body + footer(Math.max(0, t.laggards - shown));
  // a head longer than the limit (it cannot be, short of absurd counts) is still cut to fit
  while (byteLength(text) > d.maxBytes) text = [...text].slice(0, -1).join('');
  return { title: `${who}政务专网接入日报 ${d.date}`, text };
}

export interface AlertSubject {
  unit: { id: string; code: string; name: string };
  actor: string;
  /** when the step happened, as the office reads it ("2026-12-01 09:30") */
  at: string;
  reason?: string | null;
  /** the unit's page, when the public origin is known */
  link?: string;
}

const alertMessage = (tag: string, s: AlertSubject, lines: string[]): Message => {
  const name = plain(s.unit.name);
  const text = [
    `#### 【${tag}】${name}`,
    `单位编码：${plain(s.unit.code)}`,
    ...lines,
    `记录人：${plain(s.actor)}，${s.at}`,
    ...(s.link ? [`[查看单位](${s.link})`] : []),
  ].join('\n');
  return { title: `${tag}：${name}`, text };
};

export const wiringRefusedAlert = (s: AlertSubject) => alertMessage('拒绝布线', s, s.reason ? [`理由：${plain(s.reason, 200)}`] : []);

export const postponementLimitAlert = (s: AlertSubject & { stage: Stage; postponements: number; limit: number; until?: string | null }) =>
  alertMessage('多次推迟', s, [
    `已推迟 **${s.postponements}** 次，达到上限（${s.limit} 次）。`,
    `本次推迟：${STAGE_LABELS[s.stage].zh}${s.reason ? `，理由：${plain(s.reason, 200)}` : ''}${s.until ? `，推迟至 ${s.until}` : ''}`,
  ]);

export const registrationRejectedAlert = (s: AlertSubject) => alertMessage('申报被退回', s, s.reason ? [`退回理由：${plain(s.reason, 200)}`] : []);

/** For the notices feature, when it exists: a notice left unanswered past its respond-by date. */
export const noticeOverdueAlert = (s: AlertSubject & { number: string; respondBy: string }) =>
  alertMessage('催办逾期未回复', s, [`催办通知 ${plain(s.number)} 应于 ${s.respondBy} 前回复，至今未回复。`]);

export const testMessage = (channelName: string, at: string): Message => ({
  title: '测试消息',
  text: `#### 测试消息\n这是政务专网接入进度系统发往“${plain(channelName)}”的测试消息（${at}）。收到即表示通知设置正确。`,
});
