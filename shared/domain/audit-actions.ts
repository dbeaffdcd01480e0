// Every action the server writes to the audit log: one list, so the log's reader can say each in
// words (the web dictionary's audit.actions, held to this list by tests/web/audit-actions.test.ts)
// and appendAudit takes nothing else (its type). A new action goes here first.
export const SESSION_ACTIONS = ['auth.login', 'auth.login_failed', 'auth.login_throttled', 'auth.logout'] as const;

export const CHANGE_ACTIONS = [
  'step.record',
  'step.void',
  'unit.create',
  'unit.update',
  'unit.import',
  'unit.assign',
  'user.create',
  'user.update',
  'user.bootstrap',
  'user.password_change',
  /** the usernames backfill (db/backfill) renamed an account whose name collided with another's */
  'user.username_collision',
  'settings.update',
  'settings.area_update',
  'settings.timezone_replaced',
  'settings.help_update',
  'notice.issue',
  'notice.answer',
  'notice.withdraw',
  'bulletin.issue',
  'channel.create',
  'channel.update',
  'channel.disable',
  'channel.test',
  'demo.load',
  'display_link.create',
  'display_link.revoke',
  'backbone.name',
  'training.create',
  'training.update',
  'training.close',
  'training.attendance',
  'training.sign_in',
  'report_back.submit',
  'report_back.review',
] as const;

export const AUDIT_ACTIONS = [...SESSION_ACTIONS, ...CHANGE_ACTIONS] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The dictionary key of an action under audit.actions / audit.says: "step.void" → "step_void". */
export const auditActionKey = (action: string) => action.replace('.', '_');
