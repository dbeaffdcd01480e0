// Which county a new unit belongs to when nobody names one (docs/contract/areas.md, "The area tree"): the
// county its code names (shared/domain/codes.ts: a township's first six digits, a 统一社会信用代码's 3–8), else the creating office's county, else the
// installation's home area, else none. Used by POST /api/units and by the import alike.
import { levelOfCode } from './areas.js';
import { countyCandidates, countyOfCode } from './codes.js';

export interface CountyDefaults {
  /** the creating user's scope (null: the whole installation) */
  creatorScope: string | null;
  /** settings.home_area */
  homeArea: string | null;
}

/** `isCounty` says whether a code names a county of the tree (a township code may name none). */
export function defaultCounty(unitCode: string, d: CountyDefaults, isCounty: (code: string) => boolean): string | null {
  const fromCode = countyOfCode(unitCode, isCounty);
  if (fromCode) return fromCode;
  if (d.creatorScope && levelOfCode(d.creatorScope) === 'county') return d.creatorScope;
  if (d.homeArea && levelOfCode(d.homeArea) === 'county' && isCounty(d.homeArea)) return d.homeArea;
  return null;
}

/** The codes defaultCounty may ask `isCounty` about, to look them up in one query first. */
export const defaultCountyCandidates = (unitCode: string, d: CountyDefaults): string[] =>
  [...countyCandidates(unitCode), d.homeArea].filter((c): c is string => c !== null);
