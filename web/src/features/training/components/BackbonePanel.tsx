// The unit's IT backbone people on its page: the current primary and deputy, their history, and a
// form for the unit's contact or the office to name one (naming ends the previous one's term).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useBackbones, useNameBackbone } from '../api/training.js';
import type { Backbone } from '../../../../../shared/schemas/training.js';

export function BackbonePanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const backbones = useBackbones(unitId);
  const [editing, setEditing] = useState<'primary' | 'deputy' | null>(null);
  const mayName = user.role === 'office' || (user.role === 'unit' && user.unitId === unitId);
  if (backbones.isPending || backbones.isError) return null;
  const { current, history } = backbones.data;
  const line = (b: Backbone | undefined) => (b ? `${b.name}${b.post ? `（${b.post}）` : ''}${b.phone ? ` · ${b.phone}` : ''} · ${t('training.since', { date: b.since })}` : t('training.noneNamed'));
  return (
    <section className="card" aria-labelledby="backbone-title">
      <h2 id="backbone-title">{t('training.backboneTitle')}</h2>
      <dl className="details">
        {(['primary', 'deputy'] as const).map((kind) => (
          <div key={kind}>
            <dt>{t(`training.kind.${kind}`)}</dt>
            <dd>
              <span className={current[kind] ? '' : 'flag-text'}>{line(current[kind])}</span>{' '}
              {mayName && editing !== kind && (
                <button type="button" className="button button--secondary button--small" onClick={() => setEditing(kind)}>
                  {current[kind] ? t('training.replace') : t('training.name')}
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {editing && <NameForm unitId={unitId} kind={editing} onDone={() => setEditing(null)} />}
      {history.length > 0 && (
        <details>
          <summary>{t('training.history', { count: history.length })}</summary>
          <ul className="plain-list">
            {history.map((b) => (
              <li key={b.id}>{t(`training.kind.${b.kind}`)} {b.name}{b.post ? `（${b.post}）` : ''} · {b.since} — {b.endedAt}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function NameForm({ unitId, kind, onDone }: { unitId: string; kind: 'primary' | 'deputy'; onDone: () => void }) {
  const { t } = useTranslation();
  const name = useNameBackbone(unitId);
  const [v, setV] = useState({ name: '', post: '', phone: '', since: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    name.mutate({ kind, name: v.name, post: v.post || undefined, phone: v.phone || undefined, since: v.since || undefined }, { onSuccess: onDone });
  };
  const input = (key: keyof typeof v, type = 'text') => (
    <Field label={t(`training.field.${key}`)} required={key === 'name'}>
      {(p) => <input {...p} name={key} type={type} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="form-grid">
        {input('name')}
        {input('post')}
        {input('phone', 'tel')}
        {input('since', 'date')}
      </div>
      {name.isError && <ErrorNotice error={name.error} />}
      <p className="button-row">
        <button type="submit" className="button" disabled={name.isPending || !v.name.trim()}>{t('training.save')}</button>
        <button type="button" className="button button--secondary" onClick={onDone}>{t('training.cancel')}</button>
      </p>
    </form>
  );
}
