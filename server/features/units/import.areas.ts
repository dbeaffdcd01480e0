// The county of each import row's unit (docs/contract/areas.md): the 所属区县 cell names it by its 6-digit code
// or by a county's name unique inside the importer's scope; a blank cell keeps an existing unit's
// county and gives a new one the county its township code names, then as POST /api/units does
// (shared/domain/unit-area.ts). A row whose unit, or county, lies outside the importer's scope is
// a bad row, as is a county that does not exist.
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
  /** the 所属区县 cell: undefined blank, null the clear marker */
  area?: string | null;
  /** set here: the county's code (null: none); left absent: the stored county is kept */
  fields: { areaCode?: string | null };
}

/** Fills each row's `fields.areaCode` and answers the rows that cannot be placed. */
export async function placeRows(db: DbOrTx, actor: Actor, rows: PlacedRow[], stored: Map<string, StoredUnit>): Promise<ImportIssue[]> {
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
    const unit = stored.get(r.code);
    // a unit outside the scope does not exist for the importer: its code cannot be used
    if (unit && !inScope(scope, unit.areaCode)) {
      bad(`编码 ${r.code} 已被您管辖范围以外的单位使用`, 'code');
      continue;
    }
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
    } else if (unit) {
      continue; // a blank cell keeps the stored county
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
    r.fields.areaCode = county;
  }
  return issues;
}
