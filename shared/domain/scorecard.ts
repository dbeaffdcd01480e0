// The scorecard's colours (the leaders' view): an area's share onboarded is green at or above its
// green threshold, yellow at or above its yellow one, else red. The thresholds are settings, per
// area as the deadlines are (an area without its own takes its nearest ancestor's, else the
// installation's); one table, read in order, the first row met decides.

export interface ScoreThresholds {
  /** percent onboarded from which the share is green (default 90) */
  scoreGreen: number;
  /** percent onboarded from which it is yellow (default 60); below: red */
  scoreYellow: number;
}
export const SCORE_FIELDS = ['scoreGreen', 'scoreYellow'] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];
export type OwnScoreThresholds = { [K in ScoreField]: number | null };

export const DEFAULT_SCORE_THRESHOLDS: ScoreThresholds = { scoreGreen: 90, scoreYellow: 60 };

export type ScoreColour = 'green' | 'yellow' | 'red';

export const SCORE_RULE = [
  { colour: 'green', meets: (share: number, t: ScoreThresholds) => share * 100 >= t.scoreGreen, zh: '绿色：完成率达到绿色线', en: 'Green: at or above the green line' },
  { colour: 'yellow', meets: (share: number, t: ScoreThresholds) => share * 100 >= t.scoreYellow, zh: '黄色：达到黄色线', en: 'Yellow: at or above the yellow line' },
  { colour: 'red', meets: () => true, zh: '红色：低于黄色线', en: 'Red: below the yellow line' },
] as const satisfies readonly { colour: ScoreColour; meets: (share: number, t: ScoreThresholds) => boolean; zh: string; en: string }[];

/** `share`: onboarded ÷ units, 0…1 (rounded to 0.1 % first, as every table prints it, so 89.96 % shown as 90 % is green). */
export function scoreColour(share: number, t: ScoreThresholds): ScoreColour {
  const shown = Math.round(share * 1000) / 1000;
  return SCORE_RULE.find((r) => r.meets(shown, t))!.colour;
}

/** The thresholds in force for `code`: its own, else its nearest ancestor's, else the installation's. */
export function effectiveScore(installation: ScoreThresholds, own: ReadonlyMap<string, Partial<OwnScoreThresholds>>, code: string | null): ScoreThresholds {
  const out = { ...installation };
  if (code === null) return out;
  for (const n of [2, 4, 6]) {
    if (n > code.length) break;
    const values = own.get(code.slice(0, n));
    for (const f of SCORE_FIELDS) {
      const v = values?.[f];
      if (v !== null && v !== undefined) out[f] = v;
    }
  }
  return out;
}

export const SCORE_COLOUR_ZH: Record<ScoreColour, string> = { green: '绿', yellow: '黄', red: '红' };

/** Which area each threshold in force comes from (the nearest that sets it); null: the installation's. */
export function scoreSources(own: ReadonlyMap<string, Partial<OwnScoreThresholds>>, code: string): Record<ScoreField, string | null> {
  const out: Record<ScoreField, string | null> = { scoreGreen: null, scoreYellow: null };
  for (const n of [2, 4, 6]) {
    if (n > code.length) break;
    for (const f of SCORE_FIELDS) if (own.get(code.slice(0, n))?.[f] != null) out[f] = code.slice(0, n);
  }
  return out;
}

/**
 * The first area at or below `code` (null: the whole installation) whose lines in force would
 * put green at or below yellow: `code` itself (when not null), then each area below it that sets
 * a line of its own (an area setting neither takes its nearest setting ancestor's pair, checked
 * already). Undefined when every pair is in order. A write at a parent must not invert the pair a
 * county keeps half of (county yellow 85 + city green 70).
 */
export function invertedScoreArea(installation: ScoreThresholds, own: ReadonlyMap<string, Partial<OwnScoreThresholds>>, code: string | null): string | null | undefined {
  const bad = (c: string | null) => {
    const t = effectiveScore(installation, own, c);
    return t.scoreGreen <= t.scoreYellow;
  };
  if (bad(code)) return code;
  const below = [...own.keys()].filter((c) => (code === null || (c.startsWith(code) && c !== code)) && SCORE_FIELDS.some((f) => own.get(c)?.[f] != null)).sort();
  return below.find(bad);
}
