// The county of each import row's unit (docs/contract/areas.md): the 所属区县 cell names it by its 6-digit code
// or by a county's name unique inside the importer's scope; a blank cell keeps an existing unit's
// county and gives a new one the county its township code names, then as POST /api/units does
// (shared/domain/unit-area.ts). A row whose county lies outside the importer's scope is a bad row,
// as is a county that does not exist. Which stored unit a row updates is decided here too: the
// importer's units with the row's code (none outside its scope are read); a code that names no
// county may be held in several of its counties (migration 0018), and then the row's county says
// which, or the row asks for one.
import type { DbOrTx } from '../../../db/client.js';
import { inScope } from '../../../shared/domain/areas.js';
import { defaultCounty, defaultCountyCandidates } from '../../../shared/domain/unit-area.js';
import type { ImportIssue } from '../../../shared/schemas/units.js';
import type { Actor } from '../../lib/actor.js';
import { pacer } from '../../lib/pace.js';
import type { StoredUnit } from '../../../db/queries/import.js';
import { areasByCode, countiesNamed, homeArea } from '../../../db/queries/units.js';

const COUNTY_CODE = /^\d{6}$/;

export interface PlacedRow {
  row: number;
  code: string;
  /** set here: the stored unit the row updates (absent: a new unit) */
  unit?: StoredUnit;
  /** the 所属区县 cell: undefined blank, null the clear marker */
  area?: string | null;
  /** set here: the county's code (null: none); left absent: the stored county is kept */
  fields: { areaCode?: string | null };
}

/** The stored unit a row names: in the row's county, else the only one in the scope; several: none can be told apart. */
function unitOf(candidates: StoredUnit[], county: string | null | undefined): StoredUnit | 'ambiguous' | undefined {
  if (county !== undefined) {
    const there = candidates.find((u) => u.areaCode === county);
    if (there) return there;
  }
  if (candidates.length <= 1) return candidates[0];
  return county === undefined ? 'ambiguous' : undefined;
}

/** Fills each row's `unit` and `fields.areaCode` and answers the rows that cannot be placed. */
export async function placeRows(db: DbOrTx, actor: Actor, rows: PlacedRow[], stored: Map<string, StoredUnit[]>): Promise<ImportIssue[]> {
  const scope = actor.scope;
  const defaults = { creatorScope: scope, homeArea: await homeArea(db) };
  const cells = rows.map((r) => r.area).filter((a): a is string => typeof a === 'string');
  const fresh = rows.filter((r) => r.area === undefined && !stored.has(r.code));
  const [areas, named] = await Promise.all([
    areasByCode(db, [...cells.filter((c) => COUNTY_CODE.test(c)), ...fresh.flatMap((r) => defaultCountyCandidates(r.code, defaults))]),
    countiesNamed(db, cells.filter((c) => !COUNTY_CODE.test(c)), scope),
  ]);
  const isCounty = (code: string) => areas.get(code)?.level === 'county';
  const issues: ImportIssue[] = [];
  const pace = pacer();
  for (const r of rows) {
    await pace();
    const bad = (message: string, field = 'areaCode') => void issues.push({ row: r.row, field, message });
    let county: string | null;
    let how = '';
    if (r.area === null) {
      if (scope !== null) {
        bad('不能清空所属区县：单位将不在您的管辖范围内');
        continue;
      }
      county = null;
    } else if (r.area !== undefined && COUNTY_CODE.test(r.area)) {
      if (!isCounty(r.area)) {
        bad(`所属区县代码 ${r.area} 不是一个区县`);
        continue;
      }
      county = r.area;
    } else if (r.area !== undefined) {
      const codes = named.get(r.area) ?? [];
      if (codes.length === 0) {
        bad(`您的管辖范围内没有名为“${r.area}”的区县`);
        continue;
      }
      if (codes.length > 1) {
        bad(`区县名称“${r.area}”不唯一（${codes.join('、')}），请填写 6 位区县代码`);
        continue;
      }
      county = codes[0];
    } else if (stored.has(r.code)) {
      // a blank cell keeps the stored county
      const unit = unitOf(stored.get(r.code)!, undefined);
      if (unit === 'ambiguous') {
        bad(`编码 ${r.code} 在您管辖范围内的多个区县都有单位，请填写所属区县`);
        continue;
      }
      r.unit = unit;
      continue;
    } else {
      county = defaultCounty(r.code, defaults, isCounty);
      how = '（由单位编码或默认区县推定）';
      if (county === null && scope !== null) {
        bad('请填写所属区县：无法从单位编码推定');
        continue;
      }
    }
    if (county !== null && !inScope(scope, county)) {
      bad(`所属区县 ${areas.get(county)?.name ?? county}（${county}）${how}不在您的管辖范围内`);
      continue;
    }
    const unit = unitOf(stored.get(r.code) ?? [], county);
    if (unit !== 'ambiguous') r.unit = unit;
    r.fields.areaCode = county;
  }
  return issues;
}
