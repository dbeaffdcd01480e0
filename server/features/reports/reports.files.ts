// The laggard report as files people open in a spreadsheet: CSV (UTF-8 with a BOM, so Excel
// reads the Chinese right) and XLSX (streamed as it is written), with Chinese headers.
import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { localDateTime } from '../../../shared/domain/dates.js';
import { CATEGORY_LABELS, LAGGARD_CATEGORIES, SEVERITY_RULE, STAGE_LABELS, type LaggardFlag } from '../../../shared/domain/laggards.js';
import type { LaggardItem } from '../../../shared/schemas/reports.js';

export const KIND_LABELS = { township: '乡镇', department: '部门', other: '其他' } as const;

export const REPORT_TITLE = '落后单位';

/** RFC 6266/5987: the Chinese name for browsers that read filename*, an ASCII one for the rest. */
export function attachment(asOf: string, ext: 'csv' | 'xlsx'): string {
  const name = `${REPORT_TITLE}-${asOf}.${ext}`;
  return `attachment; filename="laggards-${asOf}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** "拒绝布线12天", "进展停滞（接入）20天" */
export function flagText(flag: LaggardFlag): string {
  const label = CATEGORY_LABELS[flag.category].zh;
  const stage = flag.category === 'stalled' && flag.stage ? `（${STAGE_LABELS[flag.stage].zh}）` : '';
  return `${label}${stage}${flag.daysLate}天`;
}

interface Column {
  header: string;
  value: (item: LaggardItem, rank: number) => string | number | null;
}

function columns(timezone: string): Column[] {
  const days = (category: (typeof LAGGARD_CATEGORIES)[number]) => (item: LaggardItem) => {
    const hits = item.flags.filter((f) => f.category === category);
    return hits.length ? Math.max(...hits.map((f) => f.daysLate)) : null;
  };
  return [
    { header: '排名', value: (_, rank) => rank },
    { header: '单位编码', value: (i) => i.unit.code },
    { header: '单位名称', value: (i) => i.unit.name },
    { header: '单位类型', value: (i) => KIND_LABELS[i.unit.kind] },
    { header: '上级编码', value: (i) => i.unit.parentCode },
    { header: '严重程度', value: (i) => i.severity },
    { header: '最长逾期天数', value: (i) => i.maxDaysLate },
    { header: '问题', value: (i) => i.flags.map(flagText).join('；') },
    ...LAGGARD_CATEGORIES.map((c) => ({ header: `${CATEGORY_LABELS[c].zh}（天）`, value: days(c) })),
    { header: '最近进展', value: (i) => (i.lastEventAt ? localDateTime(i.lastEventAt, timezone) : null) },
  ];
}

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or return first: unit
 * names come from imported files) is kept as text by a leading apostrophe. An .xlsx cell is
 * typed text already and needs no such guard.
 */
const inert = (value: string | number) => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export function laggardsCsv(items: LaggardItem[], timezone: string): Readable {
  const cols = columns(timezone);
  const csv = stringify({ bom: true, header: true, columns: cols.map((c) => c.header), record_delimiter: '\r\n' });
  // fed in slices so a large export does not hold the event loop for its whole length
  void (async () => {
    for (let i = 0; i < items.length; i++) {
      if (!csv.write(cols.map((c) => inert(c.value(items[i], i + 1) ?? '')))) await new Promise((r) => csv.once('drain', r));
    }
    csv.end();
  })().catch((err) => csv.destroy(err));
  return csv;
}

/** Display width of text in a spreadsheet column: CJK characters take two. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

export function laggardsXlsx(items: LaggardItem[], asOf: string, timezone: string): Readable {
  const cols = columns(timezone);
  const out = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = '政务专网接入进度';
    const sheet = workbook.addWorksheet(REPORT_TITLE, { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
    // widths that fit: the longest text of each column (sampled over the first rows), within bounds
    const sample = items.slice(0, 2000);
    sheet.columns = cols.map((c, i) => {
      const longest = sample.reduce((w, item, r) => Math.max(w, widthOf(String(c.value(item, r + 1) ?? ''))), widthOf(c.header));
      return { key: `c${i}`, width: Math.min(Math.max(longest + 2, 6), i === 7 ? 60 : 40) };
    });
    const title = sheet.addRow([`${REPORT_TITLE}（截至 ${asOf}）   ${SEVERITY_RULE.zh}`]);
    title.font = { bold: true, size: 13 };
    title.height = 22;
    sheet.mergeCells(1, 1, 1, Math.min(cols.length, 8));
    title.commit();
    const header = sheet.addRow(cols.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.alignment = { vertical: 'middle' };
    });
    header.commit();
    for (let i = 0; i < items.length; i++) {
      sheet.addRow(cols.map((c) => c.value(items[i], i + 1))).commit();
      // let the stream drain now and then
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
    }
    sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.length } };
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err) => out.destroy(err));
  return out;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
