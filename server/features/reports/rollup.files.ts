// The roll-up as files: one row per child, as GET /api/reports/areas answers, ranked; the
// workbook prints on A4 landscape like the laggard file (sheet.ts), with the rank rule under its title.
import type { Readable } from 'node:stream';
import { CATEGORY_LABELS, LAGGARD_CATEGORIES } from '../../../shared/domain/laggards.js';
import { ROLLUP_RANK_TEXT } from '../../../shared/domain/rollup.js';
import { SCORE_COLOUR_ZH } from '../../../shared/domain/scorecard.js';
import { percentValue } from '../../../shared/domain/vocabulary.js';
import type { RollupResponse, RollupRow } from '../../../shared/schemas/areas.js';
import { attachment, tableCsv, tableXlsx, type SheetColumn } from '../../lib/sheet.js';

export const ROLLUP_TITLE = '地区汇总';

const LEVEL_WORDS: Record<RollupRow['area']['level'], string> = { province: '省', city: '市', county: '区县', kind: '单位类型', unplaced: '未归属区县' };

const columns: SheetColumn<RollupRow>[] = [
  { header: '排名', kind: 'int', value: (r) => r.rank },
  { header: '代码', kind: 'code', value: (r) => (r.area.level === 'kind' || r.area.level === 'unplaced' ? null : r.area.code) },
  { header: '名称', value: (r) => r.area.name, maxWidth: 24 },
  { header: '层级', value: (r) => LEVEL_WORDS[r.area.level] },
  { header: '单位数', kind: 'int', value: (r) => r.totalUnits },
  { header: '已完成接入申报', kind: 'int', value: (r) => r.onboarded },
  { header: '完成率（%）', kind: 'decimal1', value: (r) => percentValue(r.onboardedShare) },
  // the scorecard's colour in words: a printed or grey copy keeps it
  { header: '评级', value: (r) => (r.scorecard && r.totalUnits > 0 ? SCORE_COLOUR_ZH[r.scorecard.colour] : null) },
  { header: '较上周完成', kind: 'int', value: (r) => (r.previous ? r.onboarded - r.previous.onboarded : null) },
  { header: '上周排名', kind: 'int', value: (r) => r.previous?.rank ?? null },
  { header: '布线完成', kind: 'int', value: (r) => r.stages.wiring.done },
  { header: '接入完成', kind: 'int', value: (r) => r.stages.connection.done },
  { header: '落后单位', kind: 'int', value: (r) => r.laggards },
  ...LAGGARD_CATEGORIES.map((c): SheetColumn<RollupRow> => ({ header: CATEGORY_LABELS[c].zh, kind: 'int', value: (r) => r.byCategory[c] ?? 0 })),
];

const where = (r: RollupResponse) => r.parent?.name ?? '全部地区';

export const rollupAttachment = (r: RollupResponse, ext: 'csv' | 'xlsx') =>
  attachment(`areas-${r.parent?.code ?? 'all'}-${r.asOf}.${ext}`, `${ROLLUP_TITLE}-${where(r)}-${r.asOf}.${ext}`);

export const rollupCsv = (r: RollupResponse): Readable => tableCsv(columns, r.items);

export const rollupXlsx = (r: RollupResponse): Readable =>
  tableXlsx(columns, r.items, { sheetName: ROLLUP_TITLE, title: `${ROLLUP_TITLE}：${where(r)}（截至 ${r.asOf}）`, subtitle: ROLLUP_RANK_TEXT.zh });
