import { useTranslation } from 'react-i18next';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { toQuery } from '../../../shared/api/http.js';
import { Link, useSearch } from '@tanstack/react-router';
import { useSearchParams } from '../../../shared/router/search.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { unitFiltersFrom, useUnits } from '../api/get-units.js';
import { UnitFilters } from './UnitFilters.js';
import { useTechnicians } from '../api/get-technicians.js';
import { BulkAssign } from './assign/BulkAssign.js';
import { UnitTable } from './UnitTable.js';
import { useState } from 'react';
import { widerThanCounty } from '../../areas/index.js';

const PAGE_SIZE = 50;

export function UnitsPage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const [, setParams] = useSearchParams();
  const filters = unitFiltersFrom(useSearch({ strict: false }));
  const page = filters.page ?? 1;
  const units = useUnits(filters);
  const { page: _page, pageSize: _pageSize, ...exportFilters } = filters;
  const office = user.role === 'office';
  const technicians = useTechnicians(office);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const names = new Map((technicians.data ?? []).map((u) => [u.id, u.displayName]));
  const assigneeName = (id: string | null) => (id ? (names.get(id) ?? '…') : t('assign.nobody'));
  const visible = units.data?.items ?? [];
  const selection = {
    selected,
    toggle: (id: string, on: boolean) =>
      setSelected((old) => {
        const next = new Set(old);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    toggleAll: (on: boolean) =>
      setSelected((old) => {
        const next = new Set(old);
        for (const u of visible) {
          if (on) next.add(u.id);
          else next.delete(u.id);
        }
        return next;
      }),
  };

  return (
    <section>
      <div className="page-head">
        <h1>{t('units.title')}</h1>
        <p className="page-head__actions">
          {user.role === 'office' && (
            <>
              <Link className="button" to="/units/new">{t('units.newUnit')}</Link>
              <Link className="button button--secondary" to="/units/import">{t('units.importUnits')}</Link>
              <Link className="button button--secondary" to="/assignments">{t('assign.pageTitle')}</Link>
            </>
          )}
          {/* the whole list under these filters, every page, as files */}
          <a className="button button--secondary" href={`/api/units.csv${toQuery(exportFilters)}`} download>{t('reports.exportCsv')}</a>
          <a className="button button--secondary" href={`/api/units.xlsx${toQuery(exportFilters)}`} download>{t('reports.exportXlsx')}</a>
        </p>
      </div>
      <UnitFilters />
      {office && <BulkAssign selected={selected} technicians={technicians.data ?? []} onDone={() => setSelected(new Set())} />}
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
            <UnitTable
              units={units.data.items}
              selection={office ? selection : undefined}
              assigneeName={office ? assigneeName : undefined}
              // the county column, for a scope of several counties whose units are placed in them
              withCounty={widerThanCounty(user.scope) && units.data.items.some((u) => u.areaCode)}
            />
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={units.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
    </section>
  );
}
