// Codes belong to counties (docs/contract/domain.md "The record"): the county a code names, looked up
// in the area tree, and the one answer for a code that names a county outside the caller's scope.
// That answer is given before any look-up of the units, so it is the same whether the code is
// taken or free: the create, the PATCH and the import (dry run or not) all use it.
import type { DbOrTx } from '../../../db/client.js';
import { areasByCode } from '../../../db/queries/units.js';
import { inScope } from '../../../shared/domain/areas.js';
import { countyCandidates, countyOfCode } from '../../../shared/domain/codes.js';
import { fail } from '../../lib/errors.js';

/** The county each code names (null: none), in one look-up of the tree. */
export async function countiesOfCodes(db: DbOrTx, codes: string[]): Promise<Map<string, string | null>> {
  const known = await areasByCode(db, codes.flatMap(countyCandidates));
  const isCounty = (c: string) => known.get(c)?.level === 'county';
  return new Map(codes.map((c) => [c, countyOfCode(c, isCounty)]));
}

/** The words for a code outside the scope: they name the code only, never whether a unit holds it. */
export const codeOutsideMessage = (code: string) => `编码 ${code} 属于您管辖范围以外的区县，不能使用`;

/** The county `code` names, refused (403) when it lies outside `scope`. */
export async function codeCountyInScope(db: DbOrTx, scope: string | null, code: string): Promise<string | null> {
  const county = (await countiesOfCodes(db, [code])).get(code) ?? null;
  if (county !== null && !inScope(scope, county)) throw fail.forbidden(codeOutsideMessage(code));
  return county;
}
