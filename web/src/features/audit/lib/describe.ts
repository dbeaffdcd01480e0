// One audit entry in words: which sentence says what happened, and what fills it. The rows keep
// codes and ids ("step.void", "unit:…", JSON); the reader sees "撤销 县审计局 的“完成布线”，原因：记错".
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../../../shared/schemas/index.js';
import { fieldLabel } from '../../../shared/api/describe-error.js';
import { dataKey } from '../../../i18n/keys.js';

export interface EntryWords {
  /** the i18n key of the sentence, under audit.says */
  key: string;
  values: Record<string, string | number>;
}

/** The actions the log knows how to say, in the order the "what" filter lists them: the server's own list. */
export { CHANGE_ACTIONS, SESSION_ACTIONS } from '../../../../../shared/domain/audit-actions.js';
import { auditActionKey } from '../../../../../shared/domain/audit-actions.js';

/** The i18n key naming an action ("记录步骤"), for the filter and for actions without a sentence. */
export const actionKey = (action: string) => dataKey(`audit.actions.${auditActionKey(action)}`);

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A stored value as the reader knows it: a kind by its name, an empty value as 空. */
function valueText(key: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('audit.emptyValue');
  if (key === 'kind' && typeof value === 'string') return t(`kind.${value}`, { defaultValue: value });
  if (typeof value === 'boolean') return value ? t('app.yes') : t('app.no');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const list = (items: string[], t: TFunction) => items.join(t('problem.separator'));

export function describeEntry(entry: AuditEntry, t: TFunction): EntryWords {
  const d = record(entry.details);
  const unit = entry.unit?.name ?? t('audit.goneUnit');
  // a login names the username typed, whether or not an account has it
  const user = entry.action.startsWith('auth.') ? (entry.target ?? '') : (entry.user?.displayName ?? t('audit.goneUser'));
  const stepName = (type: unknown) => (typeof type === 'string' ? t(`step.${type}`, { defaultValue: type }) : '');
  const key = entry.action.replace('.', '_');
  switch (entry.action) {
    case 'auth.login':
    case 'auth.logout':
      return { key, values: {} };
    case 'auth.login_failed':
      return { key, values: { user, reason: t(d.reason === 'disabled' ? 'audit.loginDisabled' : 'audit.loginWrong') } };
    case 'auth.login_throttled':
      return { key, values: { user } };
    case 'step.record':
      return { key, values: { unit, step: stepName(d.type) } };
    case 'step.void':
      return { key, values: { unit, step: stepName(d.type), reason: typeof d.reason === 'string' ? d.reason : '' } };
    case 'unit.create':
      return { key, values: { unit: entry.unit?.name ?? String(d.name ?? t('audit.goneUnit')) } };
    case 'unit.update': {
      const changed = Object.entries(record(d.changed)).map(([field, value]) => t('audit.change', { field: fieldLabel(field, t), value: valueText(field, value, t) }));
      return changed.length ? { key, values: { unit, changes: list(changed, t) } } : { key: 'unit_update_nothing', values: { unit } };
    }
    case 'unit.import':
      return { key, values: { created: Number(d.created ?? 0), updated: Number(d.updated ?? 0) } };
    case 'unit.assign':
      return entry.target ? { key, values: { user, count: Number(d.updated ?? 0) } } : { key: 'unit_unassign', values: { count: Number(d.updated ?? 0) } };
    case 'user.create':
      return { key, values: { user: entry.user?.displayName ?? String(d.username ?? ''), role: typeof d.role === 'string' ? t(dataKey(`role.${d.role}`)) : '' } };
    case 'user.update': {
      const changed = (Array.isArray(d.changed) ? d.changed : []).filter((k): k is string => typeof k === 'string' && k !== 'password');
      const parts = changed.map((k) => t(`audit.userFields.${k}`, { defaultValue: fieldLabel(k, t) }));
      if (d.passwordReset) parts.push(t('audit.passwordReset'));
      return { key, values: { user, changes: list(parts, t) || t('audit.emptyValue') } };
    }
    case 'user.bootstrap':
      return { key, values: { username: String(d.username ?? entry.user?.username ?? '') } };
    case 'settings.update':
    case 'settings.area_update': {
      const before = record(d.before);
      const after = record(d.after);
      const changed = Object.keys(after)
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        .map((k) => t('audit.changeFrom', { field: t(`settings.${k}`, { defaultValue: k }), from: valueText(k, before[k], t), to: valueText(k, after[k], t) }));
      const values = { changes: list(changed, t), area: entry.target ?? '' };
      return changed.length ? { key, values } : { key: `${key}_nothing`, values };
    }
    case 'channel.create':
    case 'channel.update':
    case 'channel.disable':
      return { key: 'named_channel', values: { action: t(actionKey(entry.action)), name: String(d.name ?? record(d.after).name ?? '') } };
    case 'notice.issue':
    case 'notice.answer':
    case 'notice.withdraw':
      return { key, values: { unit, number: String(d.number ?? ''), reason: typeof d.reason === 'string' ? d.reason : '' } };
    case 'bulletin.issue':
      return { key, values: { number: String(d.number ?? ''), asOf: String(d.asOf ?? '') } };
    default: {
      // an action with no sentence of its own says its name; one added after this page was
      // written (not in AUDIT_ACTIONS yet) shows its code, marked as other
      const named = t(actionKey(entry.action), { defaultValue: '' });
      return named ? { key: 'named', values: { action: named } } : { key: 'other', values: { action: entry.action } };
    }
  }
}
