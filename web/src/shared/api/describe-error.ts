// Turns any failure into words for the person at the screen.
import type { TFunction } from 'i18next';
import { isApiError } from './http.js';

export interface ErrorText {
  title: string;
  lines: string[];
}

const REFUSALS = ['stage_done', 'wiring_not_done', 'connection_not_done', 'already_awaiting_review', 'not_awaiting_review'];

/** A field path from the server ("data.platformRef", "body/name") as a label when one is known. */
export function fieldLabel(path: string, t: TFunction): string {
  const last = path.split(/[./]/).filter(Boolean).pop() ?? path;
  const key = `field.${last}`;
  const label = t(key);
  return label === key ? path : label;
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
    const words = code && REFUSALS.includes(code) ? t(`refusal.${code}`) : error.message;
    return { title, lines: [words] };
  }
  if (error.code === 'VALIDATION_FAILED') {
    const lines = issues(error.details).map((i) => t('errors.fieldLine', { field: fieldLabel(i.field, t), message: i.message }));
    return { title, lines: lines.length ? lines : error.message ? [error.message] : [] };
  }
  if (error.code === 'CONFLICT' && error.message) return { title, lines: [error.message] };
  return { title, lines: [] };
}
