// The units (docs/contract/api.md "Units"): the list and its files, one unit, writes, the import and its
// templates, assignment to technicians.
import { IdParams } from '../schemas/common.js';
import { UnitDetailResponse } from '../schemas/unit-detail.js';
import { AssignResult, AssignUnits, CreateUnit, ImportQuery, ImportResult, PatchUnit, UnitList, UnitListQuery, UnitResponse } from '../schemas/units.js';
import { endpoint } from './endpoint.js';
import { everyone, office, readers } from './roles.js';

const tag = 'units';

/** An .xlsx workbook's content type: the import takes it, the exports answer it. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const unitsApi = {
  create: endpoint({ method: 'POST', path: '/api/units', tag, access: { roles: office, scope: 'filtered' }, body: CreateUnit, response: { 201: UnitResponse } }),
  list: endpoint({ method: 'GET', path: '/api/units', tag, access: { roles: readers, scope: 'filtered' }, query: UnitListQuery, response: { 200: UnitList } }),
  /** the full list as files: the same readers, the list's filters (page and pageSize ignored) */
  csv: endpoint({ method: 'GET', path: '/api/units.csv', tag, access: { roles: readers, scope: 'filtered' }, query: UnitListQuery, answer: 'file' }),
  xlsx: endpoint({ method: 'GET', path: '/api/units.xlsx', tag, access: { roles: readers, scope: 'filtered' }, query: UnitListQuery, answer: 'file' }),
  /** a unit's contact reads its own unit only (another's is a 403); anyone else its scope's */
  get: endpoint({ method: 'GET', path: '/api/units/:id', tag, access: { roles: everyone, scope: 'unit' }, params: IdParams, response: { 200: UnitDetailResponse } }),
  patch: endpoint({ method: 'PATCH', path: '/api/units/:id', tag, access: { roles: office, scope: 'unit' }, params: IdParams, body: PatchUnit, response: { 200: UnitResponse } }),
  /** a CSV (its encoding detected) or an .xlsx workbook; all or nothing */
  import: endpoint({
    method: 'POST',
    path: '/api/units/import',
    tag,
    access: { roles: office, scope: 'filtered' },
    query: ImportQuery,
    rawBody: ['text/csv', 'text/plain', XLSX_TYPE],
    response: { 200: ImportResult },
  }),
  importTemplateCsv: endpoint({ method: 'GET', path: '/api/units/import/template.csv', tag, access: { roles: office, scope: 'none' }, answer: 'file' }),
  importTemplateXlsx: endpoint({ method: 'GET', path: '/api/units/import/template.xlsx', tag, access: { roles: office, scope: 'none' }, answer: 'file' }),
  assign: endpoint({ method: 'POST', path: '/api/units/assign', tag, access: { roles: office, scope: 'filtered' }, body: AssignUnits, response: { 200: AssignResult } }),
};

