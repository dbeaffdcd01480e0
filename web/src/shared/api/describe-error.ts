// Turns any failure into words for the person at the screen.
import type { TFunction } from 'i18next';
import { isApiError } from './http.js';
import { dataKey } from '../../i18n/keys.js';

export interface ErrorText {
  title: string;
  lines: string[];
}

const REFUSALS = ['stage_done', 'wiring_not_done', 'connection_not_done', 'already_awaiting_review', 'not_awaiting_review'];

/** An instant as the reader's clock shows it, 2026-12-01 14:05 (the refusal carries no time zone of the campaign). */
const wallTime = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

const fieldName = (path: string) => path.split(/[./]/).filter(Boolean).pop() ?? path;

/** A field path from the server ("data.platformRef", "body/name") as a label when one is known. */
export function fieldLabel(path: string, t: TFunction): string {
  const key = dataKey(`field.${fieldName(path)}`);
  const label: string = t(key);
  return label === key ? path : label;
}

/** Fields whose values the server names by their codes, and where those codes' labels live. */
const OPTION_LABELS: Record<string, string> = { kind: 'kind', role: 'role', reasonCode: 'reason' };

type Rule = [RegExp, (m: RegExpMatchArray, t: TFunction, field: string) => string];

/** The shapes of the messages zod and the server write, each with its words in the dashboard's language. */
const RULES: Rule[] = [
  [/^(?:is )?required\b/i, (_m, t) => t('problem.required')],
  [/^Invalid input: expected \w+, received (?:undefined|null)$/, (_m, t) => t('problem.required')],
  [/^Invalid input: expected number, received NaN$/, (_m, t) => t('problem.number')],
  [/^Too small: expected string to have >=1 characters$/, (_m, t) => t('problem.required')],
  [
    /^Invalid option: expected one of (.+)$/,
    (m, t, field) => {
      const labels = OPTION_LABELS[fieldName(field)];
      const options = m[1].split('|').map((o) => o.replace(/^"|"$/g, ''));
      return t('problem.oneOf', { options: options.map((o) => (labels ? t(`${labels}.${o}`, { defaultValue: o }) : o)).join(t('problem.separator')) });
    },
  ],
  [/^Invalid ISO date$/, (_m, t) => t('problem.date')],
  [/^Invalid ISO datetime$/, (_m, t) => t('problem.dateTime')],
  [/^(?:Too small: expected string to have >=|at least )(\d+) characters$/, (m, t) => t('problem.minChars', { count: Number(m[1]) })],
  [/^Too big: expected string to have <=(\d+) characters$/, (m, t) => t('problem.maxChars', { count: Number(m[1]) })],
  [/^Too small: expected \w+ to be (>=?)(-?[\d.]+)$/, (m, t) => t(m[1] === '>' ? 'problem.above' : 'problem.atLeast', { count: Number(m[2]) })],
  [/^Too big: expected \w+ to be (<=?)(-?[\d.]+)$/, (m, t) => t(m[1] === '<' ? 'problem.below' : 'problem.atMost', { count: Number(m[2]) })],
  [/^(?:unit code (.+) )?already exists$/, (m, t) => (m[1] ? t('problem.codeExists', { code: m[1] }) : t('problem.exists'))],
  [/^username (.+) is taken$/, (m, t) => t('problem.usernameTaken', { name: m[1] })],
  [/^\w+ (.+) is also on row (\d+)$/, (m, t) => t('problem.alsoOnRow', { value: m[1], row: m[2] })],
  [/^no active technician named (.+)$/, (m, t) => t('problem.noTechnician', { name: m[1] })],
  [/^must name an active technician$/, (_m, t) => t('problem.notTechnician')],
  [/^not valid CSV\b/, (_m, t) => t('problem.badCsv')],
  [/^not a readable \.xlsx workbook$/, (_m, t) => t('problem.badXlsx')],
  [/^the file has no rows under its header$/, (_m, t) => t('problem.noRows')],
  [/^column (.+) is missing from the header$/, (m, t) => t('problem.missingColumn', { column: fieldLabel(m[1], t) })],
  [/^column (.+) appears twice$/, (m, t) => t('problem.columnTwice', { column: m[1] })],
  [/^letters, digits and (.+) only$/, (m, t) => t('problem.lettersDigits', { chars: m[1] })],
  [/^digits, spaces and (.+) only$/, (m, t) => t('problem.phoneChars', { chars: m[1] })],
  // the import's file and cell problems (server/features/units/import.*.ts)
  [/^is a formula without a saved result\b/, (_m, t) => t('import.problems.formula')],
  [/^is a formula whose saved result is (?:the error (.+)|an error)$/, (m, t) => t('import.problems.formulaError', { error: m[1] ?? '' })],
  [/^holds the error (.+)$/, (m, t) => t('import.problems.error', { error: m[1] })],
  [/^holds a (?:number|value) that cannot be read/, (_m, t) => t('import.problems.unreadable')],
  [/^the file is not text in a known encoding\b/, (_m, t) => t('import.problems.encoding')],
  [/^the file has more than (\d+) rows\b/, (m, t) => t('import.problems.rows', { limit: m[1] })],
  [/^the file has values beyond column (\d+)\b/, (m, t) => t('import.problems.columns', { limit: m[1] })],
  [/^the file has more than (\d+) filled cells\b/, (m, t) => t('import.problems.cells', { limit: m[1] })],
  [/^the workbook's part .+ unpacks to more than/, (_m, t) => t('import.problems.part')],
  [/^the file has no header row$/, (_m, t) => t('import.problems.noHeader')],
  [/^the workbook has no sheet$/, (_m, t) => t('import.problems.noSheet')],
  [/^name (.+) is also used by unit (.+)$/, (m, t) => t('import.problems.nameUsed', { name: m[1], codes: m[2] })],
  [/^parentCode (.+) names no unit$/, (m, t) => t('import.problems.noParent', { code: m[1] })],
  [/^wiring due (\S+) is after the connection due (\S+)$/, (m, t) => t('import.problems.dueOrder', { wiring: m[1], connection: m[2] })],
  [/^another import or edit changed the same units\b/, (_m, t) => t('import.problems.concurrent')],
  [/names no unit$/, (_m, t) => t('problem.noUnit')],
  // the settings, dates, accounts, steps and requests: every message the server writes, in words
  [/^not a known IANA time zone name\b/, (_m, t) => t('problem.timezone')],
  [/^must be 1970(?:-01-01)? or later$/, (_m, t) => t('problem.before1970')],
  [/^must be 2999-12-31 or earlier$/, (_m, t) => t('problem.after2999')],
  [/^must not be after to$/, (_m, t) => t('problem.fromAfterTo')],
  [/^is in the future$/, (_m, t) => t('problem.future')],
  [/^不能早于 (\d+) 天前/, (m, t) => t('record.backdateLimit', { count: Number(m[1]) })],
  [/^only allowed with the unit role$/, (_m, t) => t('problem.onlyUnitRole')],
  [/^must not be empty\b/, (_m, t) => t('problem.required')],
  [/^name the units: unitIds or parentCode$/, (_m, t) => t('problem.nameUnits')],
  [/^contains a character that cannot be stored\b/, (_m, t) => t('problem.unstorable')],
  [/^this is the last active office user\b/, (_m, t) => t('problem.lastOffice')],
  [/^this step is already void$/, (_m, t) => t('problem.alreadyVoid')],
  [/^only the unit's most recent live step can be voided$/, (_m, t) => t('problem.notLatest')],
  [/^the workbook has no sheet$/, (_m, t) => t('problem.noSheet')],
  [/^holds a date out of range$/, (_m, t) => t('problem.dateOutOfRange')],
  [/^text\/csv or xlsx$/, (_m, t) => t('problem.csvOrXlsx')],
  [/^not valid JSON$/, (_m, t) => t('problem.badJson')],
  [/^not accepted$/, (_m, t) => t('problem.notAccepted')],
  [/^Invalid (?:UUID|input|string|format)\b|^Invalid input: expected \w+, received \w+$/, (_m, t) => t('problem.badFormat')],
  [/^Unrecognized keys?\b/, (_m, t) => t('problem.unknownField')],
];

/**
 * One problem with a field, as zod or the server put it in English ("Invalid option: expected one
 * of ..."), in the words of the dashboard's language; a message of another shape is shown as sent.
 */
export function describeProblem(message: string, t: TFunction, field = ''): string {
  for (const [pattern, words] of RULES) {
    const match = message.match(pattern);
    if (match) return words(match, t, field);
  }
  return message;
}

function issues(details: unknown): { field: string; message: string }[] {
  if (!Array.isArray(details)) return [];
  return details
    .filter((d): d is { field?: unknown; path?: unknown; message?: unknown } => typeof d === 'object' && d !== null)
    .map((d) => ({
      field: String(d.field ?? (Array.isArray(d.path) ? d.path.join('.') : (d.path ?? ''))),
      message: String(d.message ?? ''),
    }));
}

export function describeError(error: unknown, t: TFunction): ErrorText {
  if (!isApiError(error)) return { title: t('errors.UNKNOWN'), lines: [] };
  const title = t(`errors.${error.code}`, { defaultValue: t('errors.UNKNOWN') });
  if (error.code === 'INVALID_TRANSITION') {
    // The server's own words name the rule; the refusal code, when given, has a translation.
    const details = error.details as { reason?: string; code?: string } | undefined;
    const code = details?.reason ?? details?.code;
    // field time only moves forward ("The record"): say the instant the step may not precede
    if (code === 'before_latest_step') {
      const notBefore = (error.details as { notBefore?: string }).notBefore;
      return { title, lines: [t('record.beforeLatest', { time: notBefore ? wallTime(notBefore) : '' })] };
    }
    const words = code && REFUSALS.includes(code) ? t(dataKey(`refusal.${code}`)) : error.message;
    return { title, lines: [words] };
  }
  if (error.code === 'VALIDATION_FAILED') {
    const lines = issues(error.details).map((i) => t('errors.fieldLine', { field: fieldLabel(i.field, t), message: describeProblem(i.message, t, i.field) }));
    return { title, lines: lines.length ? lines : error.message ? [error.message] : [] };
  }
  if (error.code === 'CONFLICT') {
    // a refusal with a reason the dashboard has words for (conflict.<reason>), else the server's own
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    const words = reason ? t(`conflict.${reason}`, { defaultValue: '' }) : '';
    if (words) return { title, lines: [words] };
    if (error.message) return { title, lines: [describeProblem(error.message, t)] };
  }
  return { title, lines: [] };
}
