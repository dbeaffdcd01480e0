// The printable A4 sign-in sheet (签到表): the training on top with the QR code of its sign-in page,
// the enrolled units in code order, blank name and signature columns; the office enters the results later.
import { useTranslation } from 'react-i18next';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useRoster, useTraining } from '../api/training.js';
import { QrCode } from './QrCode.js';

export function SignInSheet({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const training = useTraining(id);
  const roster = useRoster(id);
  if (training.isPending || roster.isPending) return <Loading />;
  if (training.isError) return <PageError error={training.error} />;
  const tr = training.data;
  return (
    <article className="sign-in-sheet">
      <p className="no-print button-row"><button type="button" className="button" onClick={() => window.print()}>{t('training.print')}</button></p>
      <header className="sign-in-sheet__head">
        <div>
          <h1>{tr.title} {t('training.sheetTitle')}</h1>
          <p>{t('training.sheetLine', { time: `${format.dateTime(tr.startsAt)} — ${format.dateTime(tr.endsAt)}`, venue: tr.venue, organiser: tr.organiser })}</p>
          <p>{t('training.sheetTopics', { topics: tr.topics.map((x) => t(`training.topic.${x}`)).join('、') })}</p>
        </div>
        <QrCode text={`${window.location.origin}/sign-in/${id}`} size={110} label={t('training.qrLabel')} />
      </header>
      <table className="sheet-table">
        <thead>
          <tr><th>{t('training.no')}</th><th>{t('training.unit')}</th><th>{t('training.field.attendee')}</th><th>{t('training.field.post')}</th><th>{t('training.signature')}</th><th>{t('training.remark')}</th></tr>
        </thead>
        <tbody>
          {(roster.data ?? []).map((r, i) => (
            <tr key={r.unit.id}><td>{i + 1}</td><td>{r.unit.name}</td><td /><td /><td /><td /></tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
