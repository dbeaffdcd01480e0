import { useTranslation } from 'react-i18next';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { Link, useSearchParams } from '../../../shared/router/router.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useUnits } from '../api/get-units.js';
import type { UnitFilters as Filters } from '../api/keys.js';
import { UnitFilters } from './UnitFilters.js';
import { UnitTable } from './UnitTable.js';

const PAGE_SIZE = 50;

export function UnitsPage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters: Filters = { page, pageSize: PAGE_SIZE };
  for (const key of ['q', 'kind', 'stage', 'status', 'onboarded'] as const) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const units = useUnits(filters);

  return (
    <section>
      <div className="page-head">
        <h1>{t('units.title')}</h1>
        {user.role === 'office' && (
          <p className="page-head__actions">
            <Link className="button" to="/units/new">{t('units.newUnit')}</Link>
            <Link className="button button--secondary" to="/units/import">{t('units.importUnits')}</Link>
          </p>
        )}
      </div>
      <UnitFilters />
      {units.isPending ? (
        <Loading />
      ) : units.isError ? (
        <PageError error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <>
          <p className="muted" aria-live="polite">{t('units.count', { total: units.data.total })}</p>
          {units.data.items.length === 0 ? (
            <p className="empty">{t('units.empty')}</p>
          ) : (
            <UnitTable units={units.data.items} />
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={units.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
    </section>
  );
}
