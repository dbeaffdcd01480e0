// On a unit's page: the notices it got. Its contact reads the problems in words and answers;
// the office sees the answers and can urge the unit again.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../../../shared/schemas/notices.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link } from '@tanstack/react-router';
import { useSessionUser } from '../../../shared/session/session.js';
import { useAnswerNotice, useNotices } from '../api/notices.js';
import { noticeActions, noticeProblems } from '../words.js';
import { IssueNoticeDialog } from './IssueNoticeDialog.js';
import { NoticeStatusBadge } from './NoticeStatusBadge.js';

export function UnitNotices({ unit, lagging }: { unit: { id: string; name: string }; lagging?: boolean }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const mayRead = user.role === 'office' || user.role === 'viewer' || (user.role === 'unit' && user.unitId === unit.id);
  const list = useNotices({ unitId: unit.id, pageSize: 20 }, mayRead);
  const [issuing, setIssuing] = useState(false);
  if (!mayRead) return null;
  const items = list.data?.items ?? [];
  if (items.length === 0 && user.role !== 'office') return null;

  return (
    <section className="panel unit-notices" aria-labelledby="unit-notices-title">
      <h2 id="unit-notices-title">{t('notices.onUnit')}</h2>
      {list.isError && <ErrorNotice error={list.error} />}
      {items.length === 0 && list.isSuccess && <p className="muted">{t('notices.noneForUnit')}</p>}
      {items.map((n) => (
        <NoticeCard key={n.id} notice={n} answerable={user.role === 'unit'} />
      ))}
      {user.role === 'office' && (
        <p className="button-row">
          <button type="button" className="button button--secondary" onClick={() => setIssuing(true)} disabled={lagging === false} title={lagging === false ? t('notices.notLagging') : undefined}>
            {t('notices.issue')}
          </button>
          {lagging === false && <span className="muted">{t('notices.notLagging')}</span>}
        </p>
      )}
      {issuing && <IssueNoticeDialog unit={unit} onClose={() => setIssuing(false)} />}
    </section>
  );
}

function NoticeCard({ notice, answerable }: { notice: Notice; answerable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = notice.status === 'open' || notice.status === 'overdue';
  return (
    <article className={`notice-card notice-card--${notice.status}`}>
      <header className="notice-card__head">
        <strong>{notice.number}</strong> <NoticeStatusBadge status={notice.status} />
        <span className="muted"> {t('notices.issuedLine', { date: format.date(notice.issuedOn), by: notice.issuedBy.displayName })}</span>
      </header>
      <p>{t('notices.problemsLead')}</p>
      <ul>{noticeProblems(notice).map((p, i) => <li key={i}>{p}</li>)}</ul>
      <p>{t('notices.actionsLead')}</p>
      <ul>{noticeActions(notice).map((a, i) => <li key={i}>{a}</li>)}</ul>
      {notice.note && <p>{t('notices.noteShort')}：{notice.note}</p>}
      <p>
        {t('notices.respondByLine', { date: format.date(notice.respondBy) })}
        {notice.status === 'overdue' && <strong className="text-danger"> {t('notices.overdueLine')}</strong>}
      </p>
      {notice.answer && (
        <p className="notice-answer">
          {t('notices.answeredLine', { by: notice.answer.by.displayName, at: format.dateTime(notice.answer.at) })}“{notice.answer.text}”
        </p>
      )}
      {notice.withdrawn && <p className="muted">{t('notices.withdrawnBecause', { reason: notice.withdrawn.reason })}</p>}
      {answerable && open && <AnswerForm notice={notice} />}
      <p className="no-print">
        <Link to="/notices/print" search={{ ids: notice.id }}>{t('notices.print')}</Link>
      </p>
    </article>
  );
}

function AnswerForm({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const answer = useAnswerNotice();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setMissing(true);
    answer.mutate({ id: notice.id, text: text.trim() });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field label={t('notices.answerLabel')} hint={t('notices.answerHint')} required error={missing ? t('field.required') : undefined}>
        {(p) => <textarea {...p} rows={3} maxLength={1000} value={text} onChange={(e) => { setText(e.target.value); setMissing(false); }} />}
      </Field>
      <ErrorNotice error={answer.error} />
      <button type="submit" className="button" disabled={answer.isPending}>{answer.isPending ? t('app.saving') : t('notices.answerSubmit')}</button>
    </form>
  );
}
