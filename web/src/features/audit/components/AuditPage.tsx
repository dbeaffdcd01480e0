// Office: who did what to which unit, when and from where, in words, with filters and pages.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dataKey } from '../../../i18n/keys.js';
import type { AuditEntry } from '../../../../../shared/schemas/index.js';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link } from '@tanstack/react-router';
import { useSearchParams } from '../../../shared/router/search.js';
import { AUDIT_FILTERS, AUDIT_PAGE_SIZE, useAudit, type AuditFilters as Filters } from '../api/get-audit.js';
import { describeEntry } from '../lib/describe.js';
import { AuditFilters, useFilterLink } from './AuditFilters.js';

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters: Filters = { page: Math.max(1, Number(params.get('page')) || 1) };
  for (const key of AUDIT_FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const audit = useAudit(filters);
  const filtered = AUDIT_FILTERS.some((k) => filters[k]);

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <AuditFilters />
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <PageError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <>
          <p className="muted" aria-live="polite">{t('audit.count', { total: audit.data.total })}</p>
          {audit.data.items.length === 0 ? (
            <p className="empty">{t(filtered ? 'audit.emptyFiltered' : 'audit.empty')}</p>
          ) : (
            <table className="table table--cards audit">
              <thead>
                <tr>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label={t('audit.at')} className="nowrap"><time dateTime={entry.at}>{format.dateTime(entry.at)}</time></td>
                    <td data-label={t('audit.actor')} className="nowrap"><Actor entry={entry} /></td>
                    <td data-label={t('audit.action')}><EntryText entry={entry} /></td>
                    <td data-label={t('audit.ip')} className="nowrap">{entry.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager page={filters.page} pageSize={AUDIT_PAGE_SIZE} total={audit.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
    </section>
  );
}

/** Who: by name, with the role, a link to only their entries. */
function Actor({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const link = useFilterLink();
  const actor = entry.actor;
  if (!actor?.username) return <span className="muted">{t('audit.anonymous')}</span>;
  const name = actor.displayName || actor.username;
  const role = actor.role ? t(`role.${actor.role}`) : '';
  const label = <>{name}{role && <span className="muted">（{role}）</span>}</>;
  return actor.id ? <Link to="/audit" search={link({ actorId: actor.id })} title={t('audit.byPerson', { name })}>{label}</Link> : label;
}

/** What happened, as a sentence; the unit links to its page, an account to its entries. */
function EntryText({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const link = useFilterLink();
  const { key, values } = describeEntry(entry, t);
  const links: Record<string, ReactNode> = {};
  if (entry.unit) links.unit = <Link to="/units/$id" params={{ id: entry.unit.id }}>{values.unit}</Link>;
  if (entry.user) links.user = <Link to="/audit" search={link({ actorId: entry.user.id })} title={t('audit.byPerson', { name: entry.user.displayName })}>{values.user}</Link>;
  // the sentence is translated with a marker where a link goes, then cut at the markers: names
  // are never parsed as markup, whatever characters they hold
  const marked = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k in links ? `\uE000${k}\uE000` : v]));
  const parts = t(dataKey(`audit.says.${key}`), marked).split(/\uE000(unit|user)\uE000/);
  // one element: on a phone the cell is a flex row, and loose pieces of a sentence would each take a line
  return (
    <span className="audit__text">
      {parts.map((part, i) => (i % 2 === 1 ? <span key={i}>{links[part]}</span> : part))}
      {entry.unit && <span className="muted nowrap"> · {entry.unit.code}</span>}
    </span>
  );
}
