// The units list's filters, kept in the URL so a filtered list can be shared and reloaded.
import { useTranslation } from 'react-i18next';
import { STAGES, STAGE_STATUSES } from '../../../../../shared/domain/steps.js';
import { UNIT_KINDS } from '../../../../../shared/domain/catalogue.js';
import { Field } from '../../../shared/components/Field.js';
import { ParamSelect, useTypedParams } from '../../../shared/components/filters.js';
import { useSearchParams } from '../../../shared/router/search.js';
import { AreaFilter } from '../../areas/index.js';

const TYPED = ['q'] as const;

export function UnitFilters() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { typed, type, setTyped } = useTypedParams(TYPED);
  const stage = params.get('stage') ?? '';
  const any = ['q', 'kind', 'stage', 'status', 'onboarded', 'area'].some((k) => params.get(k));

  return (
    <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setParams({ q: typed.q.trim() }); }}>
      <Field label={t('units.searchLabel')}>
        {(p) => <input {...p} type="search" value={typed.q} placeholder={t('units.searchPlaceholder')} onChange={(e) => type('q', e.target.value)} />}
      </Field>
      <ParamSelect label={t('units.kindLabel')} name="kind" options={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      <ParamSelect
        label={t('units.stageLabel')}
        name="stage"
        options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        onChange={(value) => setParams({ stage: value, status: value ? params.get('status') : '' })}
      />
      {/* the API filters a status only within a stage */}
      <ParamSelect label={t('units.statusLabel')} name="status" disabled={!stage} options={STAGE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      <ParamSelect
        label={t('units.onboardedLabel')}
        name="onboarded"
        options={[{ value: 'true', label: t('units.onboarded') }, { value: 'false', label: t('units.notOnboarded') }]}
      />
      <AreaFilter />
      {any && (
        <button type="button" className="button button--secondary filters__clear" onClick={() => { setTyped({ q: '' }); setParams({ q: '', kind: '', stage: '', status: '', onboarded: '', area: '' }); }}>
          {t('units.clearFilters')}
        </button>
      )}
    </form>
  );
}
