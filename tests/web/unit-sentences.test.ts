// The unit's page words its stages in one place (web/src/features/units/lib/unit-sentences.ts):
// every registration state × every role × every laggard flag reads as whole sentences, in Chinese
// and English: never "。。", never a raw key or placeholder, and a unit that submitted is never
// told it "仍未申报".
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/domain/catalogue.js';
import { LAGGARD_CATEGORIES, type LaggardCategory } from '../../shared/domain/laggards.js';
import { initialProgress, type Progress } from '../../shared/domain/progress.js';
import { flagSentence, registrationSentence, type UnitHelp } from '../../web/src/features/units/lib/unit-sentences.js';
import { en } from '../../web/src/i18n/en.js';
import { zh } from '../../web/src/i18n/zh.js';

const done = { status: 'done' as const, since: '2026-11-01T00:00:00.000Z' };
const connected = (registration: Progress['registration']): Progress => ({ ...initialProgress('2026-10-01T00:00:00.000Z'), wiring: done, connection: done, registration });

/** every state a registration can be in, with reasons that do and do not end in a full stop */
const REGISTRATIONS: [string, Progress['registration']][] = [
  ['pending', { status: 'pending', since: null }],
  ['awaiting review', { status: 'in_progress', since: null, awaitingReview: true }],
  ['rejected, reason asks to resubmit', { status: 'blocked', since: null, blockedBy: 'rejected', reason: '申报材料不完整，请补充后重新提交。' }],
  ['rejected, reason with a stop', { status: 'blocked', since: null, blockedBy: 'rejected', reason: '缺少单位公章。' }],
  ['rejected, bare reason', { status: 'blocked', since: null, blockedBy: 'rejected', reason: '缺少单位公章' }],
  ['done', done],
];
const CREW_STATES: Progress['wiring'][] = [
  { status: 'pending', since: null },
  { status: 'in_progress', since: null },
  { status: 'blocked', since: null, blockedBy: 'refused', reason: '担心保密安全。' },
  { status: 'blocked', since: null, blockedBy: 'postponed', reason: '领导不在' },
  done,
];
const HELPS: UnitHelp[] = [
  {},
  { technician: { displayName: '电信局 王师傅', phone: '13809392111' }, platformUrl: 'https://zwzw.example.gov.cn', helpdeskPhone: '0939-1234567' },
];
const flag = (category: LaggardCategory) => ({ category, stage: category === 'stalled' ? ('wiring' as const) : null, daysLate: 9 });

async function translator(language: 'zh' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { [language]: { translation: language === 'zh' ? zh : en } }, lng: language, interpolation: { escapeValue: false } });
  return i18n.t;
}

const clean = (text: string, where: string) => {
  expect(text, where).not.toMatch(/。。|\.\.|{{|undefined|unitWords\.|unitLaggard\.|null/);
  expect(text.trim(), where).toBe(text);
};

describe('the unit page\'s sentences', () => {
  for (const language of ['zh', 'en'] as const) {
    it(`read as whole sentences in ${language} for every registration state × role × flag`, async () => {
      const t = await translator(language);
      let checked = 0;
      const states: [string, Progress][] = [
        ...REGISTRATIONS.map(([name, reg]) => [`registration ${name}`, connected(reg)] as [string, Progress]),
        ...CREW_STATES.map((w) => [`wiring ${w.status}${w.blockedBy ? ` ${w.blockedBy}` : ''}`, { ...initialProgress(null), wiring: w, postponements: 2 }] as [string, Progress]),
      ];
      for (const [name, progress] of states) {
        const notice = registrationSentence(progress, 'ZW-001', t as never);
        if (notice) {
          clean(notice.text, name);
          if (language === 'zh') expect(notice.text.match(/重新提交/g)?.length ?? 0, name).toBeLessThanOrEqual(1);
        }
        const submitted = progress.registration.awaitingReview || progress.registration.blockedBy === 'rejected';
        for (const role of ROLES) {
          for (const help of HELPS) {
            for (const category of LAGGARD_CATEGORIES) {
              const where = `${name} / ${role} / ${category} / ${help.technician ? 'with help' : 'no help'}`;
              const text = flagSentence(flag(category), progress, role, help, t as never);
              clean(text, where);
              if (language === 'zh') {
                expect(text.endsWith('。'), where).toBe(true);
                if (submitted) expect(text, where).not.toContain('仍未申报');
                if (role === 'unit') expect(text, where).toContain('请');
                if (category !== 'unregistered_after_connection' && help.technician) expect(text, where).toContain('13809392111');
                if (category === 'unregistered_after_connection' && help.platformUrl) expect(text, where).toContain('https://zwzw.example.gov.cn');
              }
              checked++;
            }
          }
        }
      }
      expect(checked).toBe((REGISTRATIONS.length + CREW_STATES.length) * ROLES.length * HELPS.length * LAGGARD_CATEGORIES.length);
    });
  }

  it('says a returned registration once, with its reason, and asks to resubmit only when the reason does not', async () => {
    const t = await translator('zh');
    expect(registrationSentence(connected(REGISTRATIONS[2][1]), '', t as never)!.text).toBe('政府办退回了申报，原因：申报材料不完整，请补充后重新提交。');
    expect(registrationSentence(connected(REGISTRATIONS[3][1]), '', t as never)!.text).toBe('政府办退回了申报，原因：缺少单位公章。请修改后重新提交。');
  });
});
