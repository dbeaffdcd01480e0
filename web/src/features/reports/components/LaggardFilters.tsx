import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_KINDS } from '../../../../../shared/domain/steps.js';
import { Field } from '../../../shared/components/Field.js';
import { useSearchParams } from '../../../shared/router/router.js';
import { LAGGARD_CATEGORIES, type LaggardFilters as Filters } from '../api/types.js';

export function laggardFiltersFrom(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const key of ['asOf', 'kind', 'category', 'parentCode', 'q', 'page'] as const) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}

export function LaggardFilters() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState({ q: params.get('q') ?? '', parentCode: params.get('parentCode') ?? '' });
  const urlQ = params.get('q') ?? '';
  const urlArea = params.get('parentCode') ?? '';

  useEffect(() => {
    if (text.q.trim() === urlQ && text.parentCode.trim() === urlArea) return;
    const timer = setTimeout(() => setParams({ q: text.q.trim(), parentCode: text.parentCode.trim() }, { replace: true }), 300);
    return () => clearTimeout(timer);
  }, [text, urlQ, urlArea, setParams]);

  return (
    <form className="filters no-print" role="search" onSubmit={(e) => e.preventDefault()}>
      <Field label={t('reports.search')}>
        {(p) => <input {...p} type="search" value={text.q} onChange={(e) => setText((v) => ({ ...v, q: e.target.value }))} />}
      </Field>
      <Field label={t('reports.category')}>
        {(p) => (
          <select {...p} value={params.get('category') ?? ''} onChange={(e) => setParams({ category: e.target.value })}>
            <option value="">{t('app.all')}</option>
            {LAGGARD_CATEGORIES.map((c) => <option key={c} value={c}>{t(`flag.${c}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('reports.kind')}>
        {(p) => (
          <select {...p} value={params.get('kind') ?? ''} onChange={(e) => setParams({ kind: e.target.value })}>
            <option value="">{t('app.all')}</option>
            {UNIT_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('reports.area')}>
        {(p) => <input {...p} value={text.parentCode} onChange={(e) => setText((v) => ({ ...v, parentCode: e.target.value }))} />}
      </Field>
      <Field label={t('reports.asOf')}>
        {(p) => <input {...p} type="date" value={params.get('asOf') ?? ''} onChange={(e) => setParams({ asOf: e.target.value })} />}
      </Field>
    </form>
  );
}
