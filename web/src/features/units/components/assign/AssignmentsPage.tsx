// Each technician's units and where they stand, and the units nobody looks after yet.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../../../shared/domain/steps.js';
import type { Unit, User } from '../../../../../../shared/schemas/index.js';
import { Loading, PageError } from '../../../../shared/components/StatusPage.js';
import { Link } from '@tanstack/react-router';
import { useTechnicians } from '../../api/get-technicians.js';
import { unitsQueryOptions } from '../../api/get-units.js';
import { UnitTable } from '../UnitTable.js';

export function AssignmentsPage() {
  const { t } = useTranslation();
  const technicians = useTechnicians();
  return (
    <section>
      <div className="page-head">
        <h1>{t('assign.pageTitle')}</h1>
        <p className="page-head__actions">
          <Link className="button button--secondary" to="/units">{t('assign.goAssign')}</Link>
        </p>
      </div>
      <p className="muted">{t('assign.pageIntro')}</p>
      {technicians.isPending ? (
        <Loading />
      ) : technicians.isError ? (
        <PageError error={technicians.error} onRetry={() => void technicians.refetch()} />
      ) : (
        <>
          {technicians.data.length === 0 && <p className="empty">{t('assign.noTechnicians')}</p>}
          {technicians.data.map((tech) => <TechnicianUnits key={tech.id} technician={tech} />)}
          <TechnicianUnits technician={null} />
        </>
      )}
    </section>
  );
}

function summary(units: Unit[]) {
  const count = (pred: (u: Unit) => boolean) => units.filter(pred).length;
  return {
    wiring: count((u) => u.progress.wiring.status === 'done'),
    connection: count((u) => u.progress.connection.status === 'done'),
    onboarded: count((u) => u.progress.onboarded),
    blocked: count((u) => STAGES.some((s) => u.progress[s].status === 'blocked')),
  };
}

function TechnicianUnits({ technician }: { technician: User | null }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQueryOptions({ assignee: technician?.id ?? 'none', pageSize: 500 }));
  const title = technician ? `${technician.displayName}（${technician.username}）` : t('assign.unassigned');
  const headingId = `tech-${technician?.id ?? 'none'}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title}
        {technician?.disabled && <span className="badge badge--void">{t('assign.disabled')}</span>}
      </h2>
      {units.isPending ? (
        <Loading />
      ) : units.isError ? (
        <PageError error={units.error} onRetry={() => void units.refetch()} />
      ) : units.data.total === 0 ? (
        <p className="muted">{t('assign.noUnits')}</p>
      ) : (
        <>
          <p>{t('assign.summary', { total: units.data.total, ...summary(units.data.items) })}</p>
          <details open={Boolean(technician) && units.data.total <= 20}>
            <summary>{t('assign.showUnits', { count: units.data.total })}</summary>
            <UnitTable units={units.data.items} />
          </details>
        </>
      )}
    </section>
  );
}
