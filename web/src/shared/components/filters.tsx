// The pieces of a filter bar whose state lives in the URL, so a filtered page can be shared,
// bookmarked and reloaded.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from '../router/search.js';
import { Field } from './Field.js';

/**
 * Text boxes bound to URL parameters: what is typed reaches the URL after a short pause,
 * without a history entry per letter. Answers the boxes' values and a setter for one of them.
 */
export function useTypedParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const inUrl = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const [typed, setTyped] = useState(inUrl);
  const urlState = JSON.stringify(inUrl);

  useEffect(() => {
    const url = JSON.parse(urlState) as Record<K, string>;
    if (keys.every((k) => typed[k].trim() === url[k])) return;
    const timer = setTimeout(() => setParams(Object.fromEntries(keys.map((k) => [k, typed[k].trim()])), { replace: true }), 300);
    return () => clearTimeout(timer);
  }, [typed, urlState, keys, setParams]);

  const type = (key: K, value: string) => setTyped((v) => ({ ...v, [key]: value }));
  return { typed, type, setTyped };
}

interface ParamSelectProps {
  label: string;
  /** the URL parameter */
  name: string;
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
  /** instead of setting just this parameter, e.g. to clear one that depends on it */
  onChange?: (value: string) => void;
}

/** A select bound to one URL parameter, "all" first. */
export function ParamSelect({ label, name, options, disabled, onChange }: ParamSelectProps) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  return (
    <Field label={label}>
      {(p) => (
        <select
          {...p}
          value={params.get(name) ?? ''}
          disabled={disabled}
          onChange={(e) => (onChange ? onChange(e.target.value) : setParams({ [name]: e.target.value }))}
        >
          <option value="">{t('app.all')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
