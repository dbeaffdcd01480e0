import { useTranslation } from 'react-i18next';
import { UNIT_KINDS } from '../../../../../shared/domain/catalogue.js';
import { Field } from '../../../shared/components/Field.js';
import { ParamSelect, useTypedParams } from '../../../shared/components/filters.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useSearchParams } from '../../../shared/router/search.js';
import { LAGGARD_CATEGORIES } from '../api/types.js';
import { AreaFilter } from '../../areas/index.js';

const TYPED = ['q', 'parentCode'] as const;

export function LaggardFilters() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { typed, type } = useTypedParams(TYPED);
  const today = useFormat().today();

  return (
    <form className="filters no-print" role="search" onSubmit={(e) => e.preventDefault()}>
      <Field label={t('reports.search')}>
        {(p) => <input {...p} type="search" value={typed.q} onChange={(e) => type('q', e.target.value)} />}
      </Field>
      <ParamSelect label={t('reports.category')} name="category" options={LAGGARD_CATEGORIES.map((c) => ({ value: c, label: t(`flag.${c}`) }))} />
      <ParamSelect label={t('reports.kind')} name="kind" options={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      <AreaFilter />
      <ParamSelect label={t('notices.urgedFilter')} name="urged" options={[{ value: 'no_progress', label: t('notices.noStepSince') }]} />
      <Field label={t('reports.area')}>
        {(p) => <input {...p} value={typed.parentCode} onChange={(e) => type('parentCode', e.target.value)} />}
      </Field>
      <Field label={t('reports.asOf')} hint={t('reports.asOfHint')}>
        {/* a report of a day to come would show today's state as that day's fact: the server refuses it too */}
        {(p) => <input {...p} type="date" max={today} value={params.get('asOf') ?? ''} onChange={(e) => setParams({ asOf: e.target.value > today ? today : e.target.value })} />}
      </Field>
    </form>
  );
}
