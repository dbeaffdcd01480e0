// The roll-up as files: one row per child, as GET /api/reports/areas answers, ranked, then a
// total row; a child without units has no rank and no share ("—", as on the screen) and comes
// last. The workbook prints on A4 portrait, every column on the page (sheet.ts), with the rank
// rule under its title.
import type { Readable } from 'node:stream';
import { CATEGORY_LABELS, LAGGARD_CATEGORIES } from '../../../shared/domain/laggards.js';
import { ROLLUP_RANK_TEXT } from '../../../shared/domain/rollup.js';
import { SCORE_COLOUR_ZH } from '../../../shared/domain/scorecard.js';
import { percentValue } from '../../../shared/domain/vocabulary.js';
import type { RollupResponse, RollupRow } from '../../../shared/schemas/areas.js';
import { attachment, tableCsv, tableXlsx, type SheetColumn } from '../../lib/sheet.js';

export const ROLLUP_TITLE = '地区汇总';

const LEVEL_WORDS: Record<RollupRow['area']['level'], string> = { province: '省', city: '市', county: '区县', kind: '单位类型', unplaced: '未归属区县' };

/** A child of the roll-up, or the total row under them. */
type FileRow = RollupRow & { total?: true };
const NONE = '—';
const empty = (r: FileRow) => r.totalUnits === 0;

const columns: SheetColumn<FileRow>[] = [
  { header: '排名', kind: 'int', value: (r) => (r.total ? null : empty(r) ? NONE : r.rank) },
  { header: '代码', kind: 'code', value: (r) => (r.total || r.area.level === 'kind' || r.area.level === 'unplaced' ? null : r.area.code) },
  { header: '名称', value: (r) => r.area.name, maxWidth: 16 },
  { header: '层级', value: (r) => (r.total ? null : LEVEL_WORDS[r.area.level]), maxWidth: 6 },
  { header: '单位数', kind: 'int', value: (r) => r.totalUnits },
  { header: '已完成接入申报', kind: 'int', value: (r) => r.onboarded, maxWidth: 8 },
  { header: '完成率（%）', kind: 'decimal1', value: (r) => (empty(r) ? NONE : percentValue(r.onboardedShare)), maxWidth: 8 },
  // the scorecard's colour in words: a printed or grey copy keeps it
  { header: '评级', value: (r) => (r.scorecard && !empty(r) ? SCORE_COLOUR_ZH[r.scorecard.colour] : null), maxWidth: 6 },
  { header: '较上周完成', kind: 'int', value: (r) => (r.previous ? r.onboarded - r.previous.onboarded : null), maxWidth: 8 },
  { header: '上周排名', kind: 'int', value: (r) => r.previous?.rank ?? null, maxWidth: 8 },
  { header: '布线完成', kind: 'int', value: (r) => r.stages.wiring.done },
  { header: '接入完成', kind: 'int', value: (r) => r.stages.connection.done },
  { header: '落后单位', kind: 'int', value: (r) => r.laggards },
  ...LAGGARD_CATEGORIES.map((c): SheetColumn<FileRow> => ({ header: CATEGORY_LABELS[c].zh, kind: 'int', value: (r) => r.byCategory[c] ?? 0, maxWidth: 8 })),
];

/** The children by rank (those without units last, as ranked), then their sum. */
export function fileRows(r: RollupResponse): FileRow[] {
  const ranked = [...r.items].sort((a, b) => Number(empty(a)) - Number(empty(b)) || a.rank - b.rank);
  const sum = (f: (x: RollupRow) => number) => ranked.reduce((n, x) => n + f(x), 0);
  const totalUnits = sum((x) => x.totalUnits);
  const onboarded = sum((x) => x.onboarded);
  const total: FileRow = {
    total: true,
    area: { code: '', name: '合计', level: 'kind' },
    totalUnits,
    onboarded,
    reviewOverdue: sum((x) => x.reviewOverdue),
    training: {
      units: sum((x) => x.training.units),
      backboneNamed: sum((x) => x.training.backboneNamed),
      trained: sum((x) => x.training.trained),
      reportedBack: sum((x) => x.training.reportedBack),
      reportedOnTime: sum((x) => x.training.reportedOnTime),
      absent: sum((x) => x.training.absent),
    },
    onboardedShare: totalUnits === 0 ? 0 : onboarded / totalUnits,
    stages: { wiring: { done: sum((x) => x.stages.wiring.done) }, connection: { done: sum((x) => x.stages.connection.done) }, registration: { done: sum((x) => x.stages.registration.done) } },
    laggards: sum((x) => x.laggards),
    byCategory: Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, sum((x) => x.byCategory[c] ?? 0)])) as RollupRow['byCategory'],
    rank: 0,
  };
  return [...ranked, total];
}

const where = (r: RollupResponse) => r.parent?.name ?? '全部地区';

export const rollupAttachment = (r: RollupResponse, ext: 'csv' | 'xlsx') =>
  attachment(`areas-${r.parent?.code ?? 'all'}-${r.asOf}.${ext}`, `${ROLLUP_TITLE}-${where(r)}-${r.asOf}.${ext}`);

export const rollupCsv = (r: RollupResponse): Readable => tableCsv(columns, fileRows(r));

export const rollupXlsx = (r: RollupResponse): Readable =>
  tableXlsx(columns, fileRows(r), { sheetName: ROLLUP_TITLE, title: `${ROLLUP_TITLE}：${where(r)}（截至 ${r.asOf}）`, subtitle: ROLLUP_RANK_TEXT.zh, orientation: 'portrait' });
