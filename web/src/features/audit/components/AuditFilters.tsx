// The log's filters, kept in the URL: sessions apart from changes, what, who, which unit, which days.
import { useTranslation } from 'react-i18next';
import { AUDIT_GROUPS } from '../../../../../shared/schemas/index.js';
import { Field } from '../../../shared/components/Field.js';
import { ParamSelect, useTypedParams } from '../../../shared/components/filters.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link, useRouterState } from '@tanstack/react-router';
import { parseSearch, useSearchParams } from '../../../shared/router/search.js';
import { AUDIT_FILTERS } from '../api/get-audit.js';
import { usePeople } from '../api/get-people.js';
import { CHANGE_ACTIONS, SESSION_ACTIONS, actionKey } from '../lib/describe.js';

const TYPED = ['unit'] as const;

/** The query of the log with one more filter set (and the others kept), e.g. for "this person's entries". */
export function useFilterLink() {
  const searchStr = useRouterState({ select: (s) => s.location.searchStr });
  return (changes: Record<string, string>) => {
    const { page: _page, ...kept } = parseSearch(searchStr);
    return { ...kept, ...changes };
  };
}

export function AuditFilters() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const { typed, type, setTyped } = useTypedParams(TYPED);
  const people = usePeople();
  const link = useFilterLink();
  const group = params.get('group') ?? '';
  const actions = group === 'sessions' ? SESSION_ACTIONS : group === 'changes' ? CHANGE_ACTIONS : [...SESSION_ACTIONS, ...CHANGE_ACTIONS];
  const any = AUDIT_FILTERS.some((k) => params.get(k));
  const today = format.today();

  return (
    <>
      <nav className="segmented" aria-label={t('audit.groupLabel')}>
        {(['', ...AUDIT_GROUPS] as const).map((g) => (
          <Link key={g || 'all'} to="/audit" search={link({ group: g, action: '' })} aria-current={group === g ? 'page' : undefined}>
            {t(`audit.groups.${g || 'all'}`)}
          </Link>
        ))}
      </nav>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setParams({ unit: typed.unit.trim() }); }}>
        <ParamSelect label={t('audit.actionLabel')} name="action" options={actions.map((a) => ({ value: a, label: t(actionKey(a)) }))} />
        <ParamSelect
          label={t('audit.actorLabel')}
          name="actorId"
          options={(people.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
        />
        <Field label={t('audit.unitLabel')}>
          {(p) => <input {...p} type="search" value={typed.unit} placeholder={t('audit.unitPlaceholder')} onChange={(e) => type('unit', e.target.value)} />}
        </Field>
        <Field label={t('audit.from')}>
          {(p) => <input {...p} type="date" max={params.get('to') || today} value={params.get('from') ?? ''} onChange={(e) => setParams({ from: e.target.value })} />}
        </Field>
        <Field label={t('audit.to')}>
          {(p) => <input {...p} type="date" min={params.get('from') || undefined} max={today} value={params.get('to') ?? ''} onChange={(e) => setParams({ to: e.target.value })} />}
        </Field>
        {any && (
          <button
            type="button"
            className="button button--secondary filters__clear"
            onClick={() => { setTyped({ unit: '' }); setParams(Object.fromEntries(AUDIT_FILTERS.map((k) => [k, '']))); }}
          >
            {t('audit.clearFilters')}
          </button>
        )}
      </form>
    </>
  );
}
