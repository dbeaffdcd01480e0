// The units list's filters, kept in the URL so a filtered list can be shared and reloaded.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, STAGE_STATUSES, UNIT_KINDS } from '../../../../../shared/domain/steps.js';
import { Field } from '../../../shared/components/Field.js';
import { useSearchParams } from '../../../shared/router/router.js';

export function UnitFilters() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const urlQ = params.get('q') ?? '';

  // typing searches after a short pause, without a history entry per letter
  useEffect(() => {
    if (q.trim() === urlQ) return;
    const timer = setTimeout(() => setParams({ q: q.trim() }, { replace: true }), 300);
    return () => clearTimeout(timer);
  }, [q, urlQ, setParams]);

  const stage = params.get('stage') ?? '';
  const any = ['q', 'kind', 'stage', 'status', 'onboarded'].some((k) => params.get(k));

  return (
    <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setParams({ q: q.trim() }); }}>
      <Field label={t('units.searchLabel')}>
        {(p) => <input {...p} type="search" value={q} placeholder={t('units.searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      <Field label={t('units.kindLabel')}>
        {(p) => (
          <select {...p} value={params.get('kind') ?? ''} onChange={(e) => setParams({ kind: e.target.value })}>
            <option value="">{t('app.all')}</option>
            {UNIT_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('units.stageLabel')}>
        {(p) => (
          <select {...p} value={stage} onChange={(e) => setParams({ stage: e.target.value, status: e.target.value ? params.get('status') : '' })}>
            <option value="">{t('app.all')}</option>
            {STAGES.map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('units.statusLabel')}>
        {(p) => (
          // the API filters a status only within a stage
          <select {...p} value={params.get('status') ?? ''} disabled={!stage} onChange={(e) => setParams({ status: e.target.value })}>
            <option value="">{t('app.all')}</option>
            {STAGE_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('units.onboardedLabel')}>
        {(p) => (
          <select {...p} value={params.get('onboarded') ?? ''} onChange={(e) => setParams({ onboarded: e.target.value })}>
            <option value="">{t('app.all')}</option>
            <option value="true">{t('units.onboarded')}</option>
            <option value="false">{t('units.notOnboarded')}</option>
          </select>
        )}
      </Field>
      {any && (
        <button type="button" className="button button--secondary filters__clear" onClick={() => { setQ(''); setParams({ q: '', kind: '', stage: '', status: '', onboarded: '' }); }}>
          {t('units.clearFilters')}
        </button>
      )}
    </form>
  );
}
