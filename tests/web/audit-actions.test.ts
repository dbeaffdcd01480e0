// Every action the server can write to the audit log is said in words, in Chinese and in English:
// the server's one list (shared/domain/audit-actions.ts) walked against the dictionaries, and the
// server's code searched for an action written outside that list.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionKey } from '../../shared/domain/audit-actions.js';
import { describeEntry } from '../../web/src/features/audit/lib/describe.js';
import { en } from '../../web/src/i18n/en.js';
import { zh } from '../../web/src/i18n/zh.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** every action the server's code writes: `action: 'x.y'` and the step's own SQL insert */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...files('server'), ...files('db'), ...files('scripts')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) found.set(m[1], file);
    for (const m of text.matchAll(/actor_role, action, target[\s\S]{0,200}?'([a-z_]+\.[a-z_]+)'/g)) found.set(m[1], file);
  }
  return found;
}

describe('the audit log in words', () => {
  it('lists every action the server writes', () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(15);
    expect(written.has('step.record')).toBe(true);
    const missing = [...written].filter(([a]) => !(AUDIT_ACTIONS as readonly string[]).includes(a)).map(([a, f]) => `${a} (${f})`);
    expect(missing).toEqual([]);
  });

  it('has Chinese and English words for every action', () => {
    const zhActions = zh.audit.actions as Record<string, string>;
    const enActions = en.audit.actions as Record<string, string>;
    for (const action of AUDIT_ACTIONS) {
      expect(zhActions[auditActionKey(action)], action).toMatch(/[\u4e00-\u9fff]/);
      expect(enActions[auditActionKey(action)], action).toMatch(/[A-Za-z]/);
    }
  });

  it('never says an action of the list as "其他操作" or by its code', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { zh: { translation: zh } }, lng: 'zh', interpolation: { escapeValue: false } });
    for (const action of AUDIT_ACTIONS) {
      const entry = { id: '1', at: '2026-12-01T00:00:00.000Z', actor: null, action, target: 'settings', ip: null, details: { name: '县政府办群' }, unit: null, user: null };
      const { key, values } = describeEntry(entry, i18n.t);
      const text = String(i18n.t(`audit.says.${key}` as never, values as never));
      expect(key, action).not.toBe('other');
      expect(text, action).not.toContain(action);
      expect(text, action).not.toMatch(/audit\.|其他操作/);
    }
  });
});
