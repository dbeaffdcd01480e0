// The training numbers as files (GET /api/reports/training.csv / .xlsx): one row per child area as
// the JSON answers, then a total row; the shares as the numbers page shows them (backbone named
// and trained of the units, reported back and on time of those trained), "—" where there is no
// whole to share. exceljs stays lazy: sheet.ts loads it with the first workbook.
import type { Readable } from 'node:stream';
import { percentValue } from '../../../shared/domain/vocabulary.js';
import type { TrainingReport } from '../../../shared/schemas/training.js';
import { attachment, tableCsv, tableXlsx, type SheetColumn } from '../../lib/sheet.js';

export const TRAINING_REPORT_TITLE = '骨干培训情况';

type Row = TrainingReport['items'][number] & { total?: true };
const NONE = '—';
const share = (part: number, whole: number) => (whole === 0 ? NONE : percentValue(part / whole));

const columns: SheetColumn<Row>[] = [
  { header: '代码', kind: 'code', value: (r) => (r.total ? null : r.area.code) },
  { header: '地区', value: (r) => r.area.name, maxWidth: 16 },
  { header: '单位数', kind: 'int', value: (r) => r.units },
  { header: '已明确骨干', kind: 'int', value: (r) => r.backboneNamed, maxWidth: 8 },
  { header: '骨干明确率（%）', kind: 'decimal1', value: (r) => share(r.backboneNamed, r.units), maxWidth: 9 },
  { header: '已参训', kind: 'int', value: (r) => r.trained },
  { header: '参训率（%）', kind: 'decimal1', value: (r) => share(r.trained, r.units), maxWidth: 8 },
  { header: '已汇报（通过）', kind: 'int', value: (r) => r.reportedBack, maxWidth: 8 },
  { header: '汇报率（%）', kind: 'decimal1', value: (r) => share(r.reportedBack, r.trained), maxWidth: 8 },
  { header: '按期汇报', kind: 'int', value: (r) => r.reportedOnTime, maxWidth: 8 },
  { header: '按期汇报率（%）', kind: 'decimal1', value: (r) => share(r.reportedOnTime, r.trained), maxWidth: 9 },
  { header: '未派员参训', kind: 'int', value: (r) => r.absent, maxWidth: 8 },
];

/** The children as answered, then their sum. */
export function trainingFileRows(r: TrainingReport): Row[] {
  const sum = (f: (x: Row) => number) => r.items.reduce((n, x) => n + f(x), 0);
  const total: Row = {
    total: true,
    area: { code: '', name: '合计', level: 'total' },
    units: sum((x) => x.units),
    backboneNamed: sum((x) => x.backboneNamed),
    trained: sum((x) => x.trained),
    reportedBack: sum((x) => x.reportedBack),
    reportedOnTime: sum((x) => x.reportedOnTime),
    absent: sum((x) => x.absent),
  };
  return [...r.items, total];
}

export const trainingAttachment = (r: TrainingReport, where: string, ext: 'csv' | 'xlsx') =>
  attachment(`training-${r.asOf}.${ext}`, `${TRAINING_REPORT_TITLE}-${where}-${r.asOf}.${ext}`);

export const trainingCsv = (r: TrainingReport): Readable => tableCsv(columns, trainingFileRows(r));

export const trainingXlsx = (r: TrainingReport, where: string): Readable =>
  tableXlsx(columns, trainingFileRows(r), {
    sheetName: TRAINING_REPORT_TITLE,
    title: `${TRAINING_REPORT_TITLE}：${where}（截至 ${r.asOf}）`,
    subtitle: '汇报率、按期汇报率以已参训单位为基数',
    orientation: 'portrait',
  });
