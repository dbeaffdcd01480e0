// The import's template files: the headings the import reads (import.columns.ts), and in the
// workbook a second sheet that says what each column takes. Only the first sheet is imported.
import { exceljs } from '../../lib/excel.js';
import { CLEAR_MARKER, TEMPLATE_HEADERS } from './import.columns.js';

const NOTES: [string, string][] = [
  ['编码', '必填。单位的唯一编码；已存在的编码会更新该单位，其余新建。全角数字、前后空格、字母大小写不同视为同一编码。'],
  ['名称', '必填。'],
  ['类型', '必填：乡镇、部门或其他。'],
  ['上级编码', '可空。上级单位的编码。'],
  ['联系人', '可空。'],
  ['联系电话', '可空。数字、空格和 + - ( )。'],
  ['地址', '可空。'],
  ['布线截止', '可空。日期，如 2026-12-31；留空则用活动默认截止日期。'],
  ['接入截止', '可空。日期，如 2026-12-31。'],
  ['负责技术员', '可空。技术员的用户名。'],
  ['所属区县', '可空。区县名称（如 宕昌县）或 6 位区县代码；留空时，乡镇按编码前 6 位推定，其他单位归本账号所在区县或系统默认区县；已有单位留空则保持不变。'],
  ['（空白单元格）', `更新已有单位时，空白单元格保留原有内容；要清空某项，请填写“${CLEAR_MARKER}”。`],
];

export const templateCsv = () => `\uFEFF${TEMPLATE_HEADERS.join(',')}\r\n`;

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = '政务专网接入进度';
  const sheet = workbook.addWorksheet('单位');
  sheet.addRow(TEMPLATE_HEADERS).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 16));
  // codes and phone numbers typed into these columns stay text (Excel would drop leading zeros)
  for (const i of [1, 4, 6, 11]) sheet.getColumn(i).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = workbook.addWorksheet('填写说明');
  notes.addRow(['列', '说明']).font = { bold: true };
  NOTES.forEach((n) => notes.addRow(n));
  notes.getColumn(1).width = 16;
  notes.getColumn(2).width = 90;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
