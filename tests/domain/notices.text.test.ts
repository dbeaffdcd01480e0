// The body of a 催办通知单 read back as text, for every combination of flags a unit can carry:
// each open stage asked for once, in stage order; every problem said in the board's words.
import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, type LaggardFlag } from '../../shared/domain/laggards.js';
import { noticeText } from '../../shared/domain/notices.js';
import { STAGES } from '../../shared/domain/steps.js';

/** Every flag a unit can carry (a stall names the stage in progress: any of the three). */
const ALL_FLAGS: LaggardFlag[] = [
  { category: 'refused_wiring', stage: 'wiring', daysLate: 4 },
  { category: 'repeated_postponement', stage: null, daysLate: 9 },
  { category: 'unregistered_after_connection', stage: 'registration', daysLate: 2 },
  { category: 'overdue_connection', stage: 'connection', daysLate: 6 },
  { category: 'overdue_wiring', stage: 'wiring', daysLate: 11 },
  { category: 'stalled', stage: 'wiring', daysLate: 15 },
  { category: 'stalled', stage: 'connection', daysLate: 15 },
  { category: 'stalled', stage: 'registration', daysLate: 15 },
];
const STAGE_WORDS = { wiring: '布线', connection: '接入', registration: '申报' } as const;

const combinations = (n: number) => Array.from({ length: 2 ** n }, (_, mask) => ALL_FLAGS.filter((_, i) => mask & (1 << i)));

describe('notice text over every combination of flags', () => {
  const cases = combinations(ALL_FLAGS.length);

  it(`covers all ${2 ** ALL_FLAGS.length} combinations`, () => expect(cases).toHaveLength(256));

  it('asks for each open stage once, in stage order, and never repeats an action', () => {
    for (const flags of cases) {
      const { actions } = noticeText(flags);
      const label = flags.map((f) => `${f.category}/${f.stage}`).join(',');
      expect(new Set(actions).size, label).toBe(actions.length);
      const flaggedStages = STAGES.filter((s) => flags.some((f) => f.stage === s));
      // which stage each action asks for, read from its words
      const asked = actions.map((a) => STAGES.filter((s) => a.includes(STAGE_WORDS[s])));
      for (const words of asked) expect(words.length, `${label}: one stage per action`).toBeLessThanOrEqual(1);
      const stagesAsked = asked.flat();
      expect(stagesAsked, label).toEqual(flaggedStages);
      const postponed = flags.some((f) => f.category === 'repeated_postponement');
      expect(actions.length, label).toBe(flaggedStages.length + (postponed ? 1 : 0));
      if (postponed) expect(actions.at(-1), label).toContain('不再推迟');
    }
  });

  it('says every flag once, in the board’s words, in stage order', () => {
    for (const flags of cases) {
      const { problems } = noticeText(flags);
      const label = flags.map((f) => `${f.category}/${f.stage}`).join(',');
      expect(problems, label).toHaveLength(flags.length);
      expect(new Set(problems).size, label).toBe(problems.length);
      for (const f of flags) {
        const line = problems.find((p) => p.startsWith(CATEGORY_LABELS[f.category].zh) && (f.category !== 'stalled' || p.includes(`（${STAGE_WORDS[f.stage as (typeof STAGES)[number]]}）`)));
        expect(line, `${label}: ${f.category}`).toBeDefined();
        expect(line).toContain(`${f.daysLate} 天`);
        expect(line).not.toMatch(/[a-z_]{4,}/);
      }
      // the stage each line is about never goes back: 布线 before 接入 before 申报
      const rank = problems.map((p) => {
        const f = flags.find((x) => p.startsWith(CATEGORY_LABELS[x.category].zh) && (x.category !== 'stalled' || p.includes(`（${STAGE_WORDS[x.stage as (typeof STAGES)[number]]}）`)))!;
        return f.stage === null ? -1 : STAGES.indexOf(f.stage as (typeof STAGES)[number]);
      });
      expect(rank, label).toEqual([...rank].sort((a, b) => a - b));
    }
  });

  it('reads the reported case as one wiring action, then connection', () => {
    const { actions } = noticeText([
      { category: 'refused_wiring', stage: 'wiring', daysLate: 3 },
      { category: 'overdue_connection', stage: 'connection', daysLate: 2 },
      { category: 'overdue_wiring', stage: 'wiring', daysLate: 5 },
    ]);
    expect(actions).toEqual(['立即安排专人配合电信技术人员进场，尽快完成布线', '配合电信技术人员尽快完成接入']);
  });
});
