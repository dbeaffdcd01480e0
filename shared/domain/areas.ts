// The area tree's rules (docs/contract/areas.md): province (2 digits) › city (4) › county (6),
// each code starting with its parent's. A unit sits in at most one county; a user's scope is an
// area of any level or null for the whole installation. Whether a unit or an area lies in a
// scope is then a prefix test, here and in the SQL (server/lib/scope.ts), which the scope
// tests hold to each other.

export const AREA_LEVELS = ['province', 'city', 'county'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const CODE_LENGTH: Record<AreaLevel, number> = { province: 2, city: 4, county: 6 };

/** A code of the tree's shape (2, 4 or 6 digits); whether it names an area is the table's to say. */
export const AREA_CODE = /^(?:\d{2}|\d{4}|\d{6})$/;

export function levelOfCode(code: string): AreaLevel | null {
  if (!AREA_CODE.test(code)) return null;
  return AREA_LEVELS.find((l) => CODE_LENGTH[l] === code.length) ?? null;
}

/** The codes of an area's ancestors, top first: 621223 → [62, 6212]. */
export const ancestorCodes = (code: string): string[] => [2, 4].filter((n) => n < code.length).map((n) => code.slice(0, n));

/**
 * Whether something placed at `areaCode` (a unit's county, a user's scope, an area) lies inside
 * `scope`. The whole installation (null) holds everything, a unit without a county included; an
 * area holds only what is placed inside it.
 */
export const inScope = (scope: string | null, areaCode: string | null): boolean => scope === null || (areaCode !== null && areaCode.startsWith(scope));

/**
 * The area a request may look at: the one it asks for when that lies inside the caller's scope,
 * else none (the caller gets a 404, as for an area that does not exist); without one, the scope.
 */
export function narrowTo(scope: string | null, area: string | null | undefined): { ok: true; area: string | null } | { ok: false } {
  if (area === undefined || area === null || area === '') return { ok: true, area: scope };
  return inScope(scope, area) ? { ok: true, area } : { ok: false };
}

/** The county a township's statistical code names (its first 6 digits), or null for any other code. */
export const countyOfTownshipCode = (code: string): string | null => (/^\d{9}(?:\d{3})?$/.test(code) ? code.slice(0, 6) : null);
