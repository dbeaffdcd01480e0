// The laggard report as files: the board's rows and columns, with Chinese headers, as CSV and
// XLSX (sheet.ts writes both from the one column list below).
import type { Readable } from 'node:stream';
import { localDateTime } from '../../../shared/domain/dates.js';
import { CATEGORY_LABELS, LAGGARD_CATEGORIES, SEVERITY_RULE, STAGE_LABELS, type LaggardFlag } from '../../../shared/domain/laggards.js';
import { KIND_LABELS_ZH } from '../../../shared/domain/labels.js';
import type { LaggardFilter, LaggardItem } from '../../../shared/schemas/reports.js';
import { attachment, tableCsv, tableXlsx, type SheetColumn } from '../../lib/sheet.js';

export { XLSX_MIME } from '../../lib/sheet.js';

export const KIND_LABELS = KIND_LABELS_ZH;

export const REPORT_TITLE = '落后单位';

export const laggardsAttachment = (asOf: string, ext: 'csv' | 'xlsx') => attachment(`laggards-${asOf}.${ext}`, `${REPORT_TITLE}-${asOf}.${ext}`);

/** "拒绝布线12天", "进展停滞（接入）20天" */
export function flagText(flag: LaggardFlag): string {
  const label = CATEGORY_LABELS[flag.category].zh;
  const stage = flag.category === 'stalled' && flag.stage ? `（${STAGE_LABELS[flag.stage].zh}）` : '';
  return `${label}${stage}${flag.daysLate}天`;
}

function columns(timezone: string): SheetColumn<LaggardItem>[] {
  const days = (category: (typeof LAGGARD_CATEGORIES)[number]) => (item: LaggardItem) => {
    const hits = item.flags.filter((f) => f.category === category);
    return hits.length ? Math.max(...hits.map((f) => f.daysLate)) : null;
  };
  return [
    { header: '排名', kind: 'int', value: (_, i) => i + 1 },
    { header: '单位编码', kind: 'code', value: (i) => i.unit.code },
    { header: '单位名称', value: (i) => i.unit.name, maxWidth: 30 },
    { header: '单位类型', value: (i) => KIND_LABELS[i.unit.kind] },
    { header: '上级编码', kind: 'code', value: (i) => i.unit.parentCode },
    { header: '联系人', value: (i) => i.unit.contactName, maxWidth: 14 },
    { header: '联系电话', kind: 'code', value: (i) => i.unit.contactPhone },
    { header: '负责技术员', value: (i) => i.unit.assignee?.displayName ?? null, maxWidth: 14 },
    // as the board shows it: one decimal
    { header: '严重程度', kind: 'decimal1', value: (i) => i.severity },
    { header: '最长逾期天数', kind: 'int', value: (i) => i.maxDaysLate },
    { header: '问题', value: (i) => i.flags.map(flagText).join('；'), maxWidth: 36 },
    { header: '最近进展', kind: 'dateTime', value: (i) => (i.lastEventAt ? localDateTime(i.lastEventAt, timezone) : null) },
    // one number per category, for sorting and filtering on screen; on paper 问题 says the same
    ...LAGGARD_CATEGORIES.map((c): SheetColumn<LaggardItem> => ({ header: `${CATEGORY_LABELS[c].zh}（天）`, kind: 'int', value: days(c), screenOnly: true })),
    // its urging notices (催办), as the board shows them
    { header: '催办次数', kind: 'int', value: (i) => i.notices.count, screenOnly: true },
    { header: '最近催办', kind: 'dateTime', value: (i) => (i.notices.lastAt ? localDateTime(i.notices.lastAt, timezone) : null), screenOnly: true },
    { header: '催办后有无进展', value: (i) => (i.notices.count === 0 ? null : i.notices.stepSinceLast ? '有' : '无'), screenOnly: true },
  ];
}

export const laggardsCsv = (items: LaggardItem[], timezone: string): Readable => tableCsv(columns(timezone), items);

/** A filtered file says its filter, as the bulletin does: "单位类型：乡镇；问题类型：拒绝布线". */
export function scopeWords(f: Omit<LaggardFilter, 'area'> & { areaName?: string }): string {
  const parts: string[] = [];
  if (f.areaName) parts.push(`地区：${f.areaName}`);
  if (f.kind) parts.push(`单位类型：${KIND_LABELS[f.kind]}`);
  if (f.parentCode) parts.push(`上级编码：${f.parentCode}`);
  if (f.q) parts.push(`名称或编码含“${f.q}”`);
  if (f.category) parts.push(`问题类型：${CATEGORY_LABELS[f.category].zh}`);
  if (f.urged === 'no_progress') parts.push('已催办仍无进展');
  return parts.join('；');
}

export function laggardsXlsx(items: LaggardItem[], filter: LaggardFilter & { asOf: string; areaName?: string }, timezone: string): Readable {
  const scope = scopeWords(filter);
  return tableXlsx(columns(timezone), items, {
    sheetName: REPORT_TITLE,
    title: `${REPORT_TITLE}（截至 ${filter.asOf}${scope ? `；${scope}` : ''}）`,
    subtitle: SEVERITY_RULE.zh,
  });
}
