// One training: its details and numbers, the roster with each unit's attendance and report-back;
// the office marks attendance through the device's outbox (each mark carries a clientEventId, so
// a mark made offline is sent when back online and recorded once),
// closes the training, reviews report-backs; a unit's contact records its report-back here.
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { newUuid } from '../../../shared/lib/uuid.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { EntryStatus, useOutboxState } from '../../field/index.js';
import type { RosterItem } from '../../../../../shared/schemas/training.js';
import { useCloseTraining, useMark, useReview, useRoster, useTraining } from '../api/training.js';
import { EditTrainingForm } from './EditTrainingForm.js';
import { MarkDialog, markAsksFirst, type MarkStatus } from './MarkDialog.js';
import { ReportBackForm } from './ReportBackForm.js';
import { ReturnDialog } from './ReturnDialog.js';

export function TrainingPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSessionUser();
  const training = useTraining(id);
  const roster = useRoster(id, training.data?.status === 'open');
  const close = useCloseTraining(id);
  const [editing, setEditing] = useState(false);
  if (training.isPending) return <Loading />;
  if (training.isError) return <PageError error={training.error} onRetry={() => void training.refetch()} />;
  const tr = training.data;
  const office = user.role === 'office';
  return (
    <article>
      <div className="page-head">
        <h1>{tr.title}</h1>
        <span className="badge">{t(`training.status.${tr.status}`)}</span>
        <p className="page-head__actions no-print">
          {office && tr.status === 'open' && <Link className="button" to="/trainings/$trainingId/screen" params={{ trainingId: id }}>{t('training.screen')}</Link>}
          <Link className="button button--secondary" to="/trainings/$trainingId/sheet" params={{ trainingId: id }}>{t('training.sheet')}</Link>
          {office && tr.status !== 'closed' && !editing && <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>{t('training.edit')}</button>}
          {office && tr.status !== 'closed' && (
            <button type="button" className="button button--secondary" disabled={close.isPending} onClick={() => window.confirm(t('training.closeConfirm', { count: tr.counts.invited })) && close.mutate()}>
              {t('training.close')}
            </button>
          )}
        </p>
      </div>
      {editing && tr.status !== 'closed' && <EditTrainingForm training={tr} onDone={() => setEditing(false)} />}
      <p>{tr.topics.map((x) => t(`training.topic.${x}`)).join('、')} · {format.dateTime(tr.startsAt)} — {format.dateTime(tr.endsAt)} · {tr.venue}</p>
      <p className="muted">{t('training.organisedBy', { organiser: tr.organiser, trainer: tr.trainer ?? '—' })}</p>
      <p><strong>{t('training.countsLine', tr.counts)}</strong></p>
      {close.isError && <ErrorNotice error={close.error} />}
      {roster.isError && <ErrorNotice error={roster.error} />}
      {roster.data && (
        <div className="table-scroll">
          <table className="table table--cards">
            <thead>
              <tr><th>{t('training.unit')}</th><th>{t('training.attendance')}</th><th>{t('training.reportBack')}</th>{office && <th>{t('training.mark')}</th>}</tr>
            </thead>
            <tbody>{roster.data.map((r) => <Row key={r.unit.id} trainingId={id} item={r} closed={tr.status === 'closed'} />)}</tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function Row({ trainingId, item, closed }: { trainingId: string; item: RosterItem; closed: boolean }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const mark = useMark(trainingId);
  const review = useReview();
  const { entries } = useOutboxState();
  const [reporting, setReporting] = useState(false);
  const [asking, setAsking] = useState<MarkStatus | null>(null);
  const [returning, setReturning] = useState(false);
  const office = user.role === 'office';
  const a = item.attendance;
  const rb = item.reportBack;
  const send = (status: MarkStatus, words: { attendee?: string; reason?: string } = {}) =>
    mark.mutate({ unitId: item.unit.id, unitName: item.unit.name, status, reason: words.reason, attendee: words.attendee, expectedStatus: item.attendance.status, clientEventId: newUuid() });
  // a mark kept on this device, not yet recorded (offline, or the server slow): shown as 待发送
  const queued = entries.filter((e) => e.status === 'pending' && e.attendance?.trainingId === trainingId && e.unitId === item.unit.id).at(-1);
  // a mark that needs a name or a reason asks for it in a dialog first, as does 缺席 over 已签到
  const set = (status: MarkStatus) => (markAsksFirst(status, a.status, closed, a.attendee ?? undefined) ? setAsking(status) : send(status));
  const mayReport = a.status === 'attended' && (office || user.unitId === item.unit.id) && (!rb?.status || rb.status === 'returned');
  return (
    <tr>
      <td data-label={t('training.unit')}>{item.unit.name}<div className="muted">{item.unit.code}</div></td>
      <td data-label={t('training.attendance')}>
        <span className={`badge badge--${a.status}`}>{t(`training.attendanceStatus.${a.status}`)}</span>
        {a.attendee && <div>{a.attendee}</div>}
        {a.method && <div className="muted">{t(`training.method.${a.method}`)}{a.reason ? ` · ${a.reason}` : ''}</div>}
        {queued?.attendance && (
          <div className="roster-queued" data-queued={queued.attendance.status}>
            <span className="badge badge--outbox-pending">{t('outbox.status.pending')}</span> {t(`training.attendanceStatus.${queued.attendance.status}`)}
            <EntryStatus inline clientEventId={queued.clientEventId} step={t(`training.attendanceStatus.${queued.attendance.status}`)} />
          </div>
        )}
      </td>
      <td data-label={t('training.reportBack')}>
        {rb ? (
          <>
            <div>{rb.status ? t(`training.reportStatus.${rb.status}`) : t('training.reportDue', { date: rb.dueOn })}</div>
            {rb.returnReason && <div className="muted">{t('training.returnedBecause', { reason: rb.returnReason })}</div>}
            {office && rb.status === 'submitted' && rb.id && (
              <p className="button-row">
                <button type="button" className="button button--small" onClick={() => review.mutate({ id: rb.id!, decision: 'accepted' })}>{t('training.accept')}</button>
                <button type="button" className="button button--secondary button--small" onClick={() => setReturning(true)}>{t('training.return')}</button>
              </p>
            )}
            {returning && rb.id && <ReturnDialog reportBackId={rb.id} unitName={item.unit.name} onClose={() => setReturning(false)} />}
            {mayReport && !reporting && <button type="button" className="button button--secondary button--small" onClick={() => setReporting(true)}>{t('training.recordReport')}</button>}
            {reporting && <ReportBackForm trainingId={trainingId} unitId={item.unit.id} onDone={() => setReporting(false)} />}
          </>
        ) : '—'}
        {review.isError && <ErrorNotice error={review.error} />}
      </td>
      {office && (
        <td data-label={t('training.mark')}>
          <p className="button-row">
            {(['attended', 'absent', 'excused'] as const).map((s) => (
              <button key={s} type="button" className="button button--secondary button--small" disabled={mark.isPending || a.status === s} onClick={() => set(s)}>{t(`training.attendanceStatus.${s}`)}</button>
            ))}
          </p>
          {mark.isError && <ErrorNotice error={mark.error} />}
          {asking && <MarkDialog unitName={item.unit.name} status={asking} closed={closed} from={a} onSubmit={(words) => send(asking, words)} onClose={() => setAsking(null)} />}
        </td>
      )}
    </tr>
  );
}
