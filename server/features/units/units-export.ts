// The full units list as files (GET /api/units.csv | .xlsx): every unit under GET /api/units'
// own filters, read through the list's own query, page after page. Its first columns are the
// import's Chinese headers with the import's words (类型: 乡镇/部门/其他), so that a file
// exported, corrected and imported again says what it said.
import type { DbOrTx } from '../../../db/client.js';
import { displayNames, listUnits } from '../../../db/queries/units.js';
import { localDateTime } from '../../../shared/domain/dates.js';
import { KIND_LABELS_ZH } from '../../../shared/domain/labels.js';
import { STAGES } from '../../../shared/domain/steps.js';
import { STAGE_WORDS, stageWord, type StageWord } from '../../../shared/domain/vocabulary.js';
import type { Unit } from '../../../shared/schemas/units.js';
import type { Actor } from '../../lib/actor.js';
import { unitFilterFor, type UnitQuery } from './units.service.js';
import { attachment, tableCsv, tableXlsx, type SheetColumn } from '../../lib/sheet.js';

const STAGE_HEADERS = { wiring: '布线', connection: '接入', registration: '申报' } as const;

/** What a file needs of a unit: no progress object (100,000 of them would not fit twice). */
export interface UnitExportRow {
  code: string;
  name: string;
  kind: Unit['kind'];
  parentCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  wiringDue: string | null;
  connectionDue: string | null;
  assigneeId: string | null;
  assignee: string | null;
  /** the county's name (所属区县), as the import reads it back */
  areaName: string | null;
  /** each stage's state in the one vocabulary the screens use (拒绝布线, 待审核 …) */
  status: Record<(typeof STAGES)[number], StageWord>;
  lastEventAt: string | null;
}

const PAGE = 5000;

/** Every unit the actor may list under `query` (its scope and `area=` as GET /api/units has them). */
export async function unitsForExport(db: DbOrTx, actor: Actor, query: UnitQuery): Promise<UnitExportRow[]> {
  const filter = await unitFilterFor(db, actor, query);
  const rows: UnitExportRow[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await listUnits(db, { ...filter, page, pageSize: PAGE });
    for (const u of items) {
      rows.push({
        code: u.code,
        name: u.name,
        kind: u.kind,
        parentCode: u.parentCode,
        contactName: u.contactName,
        contactPhone: u.contactPhone,
        address: u.address,
        wiringDue: u.wiringDue,
        connectionDue: u.connectionDue,
        assigneeId: u.assigneeId,
        assignee: null,
        areaName: u.areaName,
        status: { wiring: stageWord(u.progress.wiring), connection: stageWord(u.progress.connection), registration: stageWord(u.progress.registration) },
        lastEventAt: u.progress.lastEventAt,
      });
    }
    if (items.length < PAGE || rows.length >= total) break;
  }
  const ids = rows.map((r) => r.assigneeId).filter((id): id is string => id !== null);
  if (ids.length) {
    const names = await displayNames(db, ids);
    for (const r of rows) r.assignee = r.assigneeId ? (names.get(r.assigneeId) ?? null) : null;
  }
  return rows;
}

function columns(timezone: string): SheetColumn<UnitExportRow>[] {
  return [
    { header: '编码', kind: 'code', value: (u) => u.code },
    { header: '名称', value: (u) => u.name, maxWidth: 30 },
    { header: '类型', value: (u) => KIND_LABELS_ZH[u.kind] },
    { header: '上级编码', kind: 'code', value: (u) => u.parentCode },
    { header: '联系人', value: (u) => u.contactName, maxWidth: 14 },
    { header: '联系电话', kind: 'code', value: (u) => u.contactPhone },
    { header: '地址', value: (u) => u.address, maxWidth: 30 },
    { header: '布线截止', kind: 'date', value: (u) => u.wiringDue },
    { header: '接入截止', kind: 'date', value: (u) => u.connectionDue },
    { header: '负责技术员', value: (u) => u.assignee, maxWidth: 14 },
    { header: '所属区县', value: (u) => u.areaName, maxWidth: 14 },
    ...STAGES.map((s): SheetColumn<UnitExportRow> => ({ header: STAGE_HEADERS[s], value: (u) => STAGE_WORDS[u.status[s]].zh })),
    { header: '最近进展', kind: 'dateTime', value: (u) => (u.lastEventAt ? localDateTime(u.lastEventAt, timezone) : null) },
  ];
}

export const UNITS_TITLE = '单位';

export const unitsAttachment = (day: string, ext: 'csv' | 'xlsx') => attachment(`units-${day}.${ext}`, `${UNITS_TITLE}-${day}.${ext}`);

export const unitsCsv = (rows: UnitExportRow[], timezone: string) => tableCsv(columns(timezone), rows);

export const unitsXlsx = (rows: UnitExportRow[], day: string, timezone: string) =>
  tableXlsx(columns(timezone), rows, { sheetName: UNITS_TITLE, title: `单位名单（${day} 导出，共 ${rows.length} 个）` });
