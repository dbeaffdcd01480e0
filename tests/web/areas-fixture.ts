// A small area tree and its roll-ups, answered as the server would (docs/contract/api.md "Areas and scopes"),
// for the dashboard tests of the areas feature.
import type { Area, RollupRow } from '../../shared/schemas/index.js';

export const AREAS: Area[] = [
  { code: '62', name: '甘肃省', level: 'province', parentCode: null },
  { code: '6201', name: '兰州市', level: 'city', parentCode: '62' },
  { code: '6212', name: '陇南市', level: 'city', parentCode: '62' },
  { code: '621202', name: '武都区', level: 'county', parentCode: '6212' },
  { code: '621223', name: '宕昌县', level: 'county', parentCode: '6212' },
  { code: '621226', name: '礼县', level: 'county', parentCode: '6212' },
  { code: '620102', name: '城关区', level: 'county', parentCode: '6201' },
  { code: '11', name: '北京市', level: 'province', parentCode: null },
];

const byCode = new Map(AREAS.map((a) => [a.code, a]));
export const inside = (scope: string | null, code: string) => scope === null || code.startsWith(scope);

const zero = { refused_wiring: 0, repeated_postponement: 0, overdue_wiring: 0, overdue_connection: 0, unregistered_after_connection: 0, stalled: 0, report_back_overdue: 0, training_absent: 0, no_backbone: 0 };
export const row = (code: string, name: string, level: RollupRow['area']['level'], total: number, onboarded: number, laggards: number, rank: number, byCategory: Partial<typeof zero> = {}): RollupRow => ({
  area: { code, name, level },
  totalUnits: total,
  reviewOverdue: 0,
  training: { units: total, backboneNamed: 0, trained: 0, reportedBack: 0, reportedOnTime: 0, absent: 0 },
  onboarded,
  onboardedShare: total ? onboarded / total : 0,
  stages: { wiring: { done: onboarded + 2 }, connection: { done: onboarded + 1 }, registration: { done: onboarded } },
  laggards,
  byCategory: { ...zero, ...byCategory },
  rank,
});

export const ROLLUPS: Record<string, RollupRow[]> = {
  '': [row('62', '甘肃省', 'province', 90, 30, 20, 1), row('11', '北京市', 'province', 0, 0, 0, 2)],
  '62': [row('6212', '陇南市', 'city', 90, 30, 20, 1), row('6201', '兰州市', 'city', 0, 0, 0, 2)],
  '6212': [
    row('621223', '宕昌县', 'county', 67, 14, 41, 2, { refused_wiring: 3, overdue_wiring: 30 }),
    row('621202', '武都区', 'county', 23, 16, 2, 1, { stalled: 2, report_back_overdue: 0, training_absent: 0, no_backbone: 0 }),
    row('621226', '礼县', 'county', 0, 0, 0, 3),
  ],
  '621223': [row('township', '乡镇', 'kind', 25, 6, 12, 2), row('department', '部门', 'kind', 42, 8, 29, 1)],
  '621202': [row('township', '乡镇', 'kind', 23, 16, 2, 1)],
};

/** Answers /api/areas… and /api/reports/areas for a user of `scope`; outside it, 404 as the server does. */
export function areaRoutes(scope: string | null, rollups: Record<string, RollupRow[]> = ROLLUPS) {
  return (pathname: string, search: URLSearchParams): { status: number; body?: unknown } | undefined => {
    const notFound = { status: 404, body: { error: { code: 'NOT_FOUND', message: '不存在' } } };
    if (pathname === '/api/areas') {
      const parent = search.get('parent');
      if (parent && !inside(scope, parent)) return notFound;
      return { status: 200, body: { items: AREAS.filter((a) => a.parentCode === (parent ?? null)) } };
    }
    const one = /^\/api\/areas\/(\w+)$/.exec(pathname);
    if (one) {
      const area = byCode.get(one[1]);
      if (!area || !inside(scope, area.code)) return notFound;
      const ancestors = [2, 4].filter((n) => n < area.code.length).map((n) => byCode.get(area.code.slice(0, n))!);
      return { status: 200, body: { area, ancestors } };
    }
    if (pathname === '/api/reports/areas') {
      const parent = search.get('parent') ?? scope ?? '';
      if (!inside(scope, parent)) return notFound;
      return { status: 200, body: { asOf: '2026-12-01', parent: byCode.get(parent) ?? null, items: rollups[parent] ?? [] } };
    }
    return undefined;
  };
}
