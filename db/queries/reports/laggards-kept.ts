// Today's laggard board, kept per county (memo.ts keptCounties): for each county, its
// laggards' count by kind and flags, and its worst KEPT laggards in the board's order. A county
// whose units changed since (area_versions, migration 0028) is computed again alone; a page is
// then the worst of the kept rows, and only the page's own units are read whole. Without it the
// unscoped board is one pass over every unit with every flag computed and sorted (about 300 ms at
// 100,000 units, ten times that at 1,000,000).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { ReportContext } from './context.js';
import { CATEGORY_BIT, CATEGORY_COLUMN, flagged } from './flags.js';
import { keptCounties, questionOf } from './memo.js';
import type { UnitFilter } from './facts.js';
import type { ReportFilter } from './laggards.js';

/** the worst laggards kept per county: a page that needs more from a county that has more is computed whole */
export const KEPT = 100;

/** a county's laggard as kept (id and what ranks it), or (`n` set) how many of a kind and flags it has */
interface Kept {
  county: string;
  id: string | null;
  code: string | null;
  kind: string;
  mask: number;
  score: number;
  max_days: number;
  n: number | null;
}

/**
 * The board's order: the worst first, then the most days late, then by code (bytewise: codes are
 * unique only within a county) and id, so that no two units tie and every page, kept or computed
 * whole, cuts the same list.
 */
export const BOARD_ORDER = sql.raw('score desc, max_days desc, code collate "C", id');

/** a laggard's flags as the summary's bits (CATEGORY_BIT) */
const maskSql = sql.raw(
  Object.entries(CATEGORY_COLUMN)
    .map(([cat, column]) => `(case when ${column} is not null then ${CATEGORY_BIT[cat as keyof typeof CATEGORY_BIT]} else 0 end)`)
    .join(' | '),
);

function keptRows(db: DbOrTx, ctx: ReportContext, which: UnitFilter) {
  return rowsOf<Kept>(
    db,
    sql`with x as materialized (
        select coalesce(area_code, '') as county, id, code, kind, ${maskSql} as mask, score::int as score, max_days::int as max_days
        from (${flagged(ctx, { ...which, laggardsOnly: true })}) d where score > 0
      ), ranked as (
        select *, row_number() over (partition by county order by ${BOARD_ORDER}) as rank from x
      )
      -- id ordered as a uuid (its bytes), which is its text's order in lowercase hex
      select county, id::text, code, kind, mask, score, max_days, null::int as n, rank from ranked where rank <= ${KEPT}::int
      union all
      select county, null, null, kind, mask, 0, 0, count(*)::int, 0 from x group by county, kind, mask
      -- each county's counts first, then its laggards worst first: a page stops reading a county at its first row not worse than the page's last
      order by county, rank`,
  );
}

/** kept as plain objects of one shape (the driver's rows are slow to read again and again) */
const plain = (r: Kept): Kept => ({ county: r.county, id: r.id, code: r.code, kind: r.kind, mask: r.mask, score: r.score, max_days: r.max_days, n: r.n });

/** BOARD_ORDER in JavaScript: is `a` before `b`? */
function worse(a: Kept, b: Kept): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.max_days !== b.max_days) return a.max_days > b.max_days;
  if (a.code !== b.code) return bytewiseBefore(a.code!, b.code!);
  return a.id! < b.id!;
}

/**
 * `collate "C"` compares UTF-8 bytes, which is code point order; JavaScript's `<` compares UTF-16
 * units, which differs where a character beyond U+FFFF (a surrogate pair) meets one of
 * U+E000–U+FFFF: the units are shifted so that surrogates sort above the rest.
 */
function bytewiseBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y);
  }
  return a.length < b.length;
}
const codePointRank = (u: number) => (u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u);

/**
 * Whether the kept board answers this filter and page (else laggards.ts computes it whole): today's,
 * the whole installation's or a province's (a city's or a county's units are read faster whole, by
 * their area: 8 ms against 21 for a county at 100,000 units, most of it reading area_versions).
 */
export const keptBoardAnswers = (ctx: ReportContext, filter: ReportFilter, page: { page: number; pageSize: number }) =>
  ctx.current && (!filter.area || filter.area.length <= 2) && !filter.q && !filter.parentCode && !filter.urged && page.page * page.pageSize <= KEPT;

/**
 * The ids of one page of today's laggards in the board's order and how many there are, from what
 * is kept for `root`; null when a county holds laggards of the filter beyond its kept rows that
 * could be on the page.
 */
export async function keptBoardPage(
  root: object,
  db: DbOrTx,
  ctx: ReportContext,
  filter: ReportFilter,
  page: { page: number; pageSize: number },
): Promise<{ total: number; ids: string[] } | null> {
  const area = filter.area ?? null;
  const counties = await keptCounties(root, db, 'laggardBoard', [KEPT, questionOf(ctx)], area, async (which) =>
    (await keptRows(db, ctx, which === 'all' ? { area } : { counties: which })).map(plain),
  );
  const bit = filter.category ? CATEGORY_BIT[filter.category] : 0;
  const matches = (r: Kept) => (!filter.kind || r.kind === filter.kind) && (bit === 0 || (r.mask & bit) !== 0);
  const need = page.page * page.pageSize;
  let total = 0;
  // the `need` worst so far, worst first
  const worst: Kept[] = [];
  // counties holding laggards of the filter beyond their kept rows: the last kept row of each
  const beyond: Kept[] = [];
  for (const { rows } of counties) {
    // the county's laggards of the filter (its counts come first), and those of its kept rows read
    let matchingAll = 0;
    let matching = 0;
    let i = 0;
    for (; i < rows.length && rows[i]!.n !== null; i++) {
      const r = rows[i]!;
      if (matches(r)) matchingAll += r.n!;
    }
    total += matchingAll;
    const last = rows.length > i ? rows[rows.length - 1]! : null;
    for (; i < rows.length; i++) {
      const r = rows[i]!;
      if (!matches(r)) continue;
      // the county's rest, kept or not, comes after this one: none can enter the page
      if (worst.length === need && !worse(r, worst[need - 1]!)) {
        matching = matchingAll;
        break;
      }
      matching += 1;
      let at = worst.length;
      while (at > 0 && worse(r, worst[at - 1]!)) at -= 1;
      worst.splice(at, 0, r);
      if (worst.length > need) worst.pop();
    }
    if (matching < matchingAll && last) beyond.push(last);
  }
  // the rows not kept come after their county's last kept one: the page holds if that is after the page's last
  if (beyond.length > 0 && (worst.length < need || beyond.some((l) => worse(l, worst[need - 1]!)))) return null;
  return { total, ids: worst.slice(need - page.pageSize).map((r) => r.id!) };
}
