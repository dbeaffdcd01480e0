// Making a display link: a label saying where it hangs, the area it shows (the office's own scope or
// an area inside it) and how long it works.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { AreaCascade } from '../../areas/index.js';
import { useCreateDisplayLink } from '../api/display-links.js';

/** the choices offered; the API allows 1 to 90 days (DISPLAY_LINK_MAX_DAYS) */
const EXPIRY_DAYS = [1, 7, 30, 90] as const;

export function CreateLinkForm({ onCreated, onCancel }: { onCreated: (made: { token: string; path: string; label: string }) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateDisplayLink();
  const [label, setLabel] = useState('');
  const me = useSessionUser();
  const [area, setArea] = useState<string | null>(null);
  const [days, setDays] = useState<number>(30);
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim()) return setMissing(true);
    create.mutate(
      { label: label.trim(), expiresInDays: days, ...(area && area !== me.scope ? { area } : {}) },
      { onSuccess: (made) => onCreated({ token: made.token, path: made.path, label: made.link.label }) },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field label={t('display.label')} hint={t('display.labelHint')} required error={missing ? t('field.required') : undefined}>
        {(p) => <input {...p} maxLength={60} value={label} onChange={(e) => { setLabel(e.target.value); setMissing(false); }} />}
      </Field>
      <AreaCascade label={t('display.scope')} hint={t('display.scopeHint')} root={me.scope} value={area} onChange={setArea} emptyLabel={t('display.ownScope')} />
      <Field label={t('display.expiresIn')} hint={t('display.expiresHint')}>
        {(p) => (
          <select {...p} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {EXPIRY_DAYS.map((d) => <option key={d} value={d}>{t('display.days', { count: d })}</option>)}
          </select>
        )}
      </Field>
      <ErrorNotice error={create.error} />
      <div className="button-row">
        <button type="submit" className="button" disabled={create.isPending}>{create.isPending ? t('display.creating') : t('display.create')}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}
