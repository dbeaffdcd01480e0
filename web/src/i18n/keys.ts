// The types of translation keys, without setting i18next up (web/src/i18n/i18next.d.ts types them).
import type { ParseKeys } from 'i18next';

/** A translation key the compiler knows. */
export type I18nKey = ParseKeys;

/**
 * A key spelled from data (an audit action, a field name the server names): the compiler cannot
 * check it, so every such key passes through here, and t() answers the key itself if it is missing.
 */
export const dataKey = (key: string) => key as I18nKey;
