// A channel's delivery log: each message, whether it went, how often it was tried, and what
// the robot answered.
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../shared/components/StatusPage.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useDeliveries } from '../api/channels.js';
import { RobotAnswer } from './RobotAnswer.js';

const STATUS_BADGE = { pending: 'in_progress', sent: 'done', failed: 'blocked' } as const;

export function DeliveryLog({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useDeliveries(channelId);
  if (log.isPending) return <Loading />;
  if (log.isError) return <ErrorNotice error={log.error} />;
  if (log.data.items.length === 0) return <p className="empty">{t('notify.logEmpty')}</p>;
  return (
    <table className="table table--cards" aria-label={t('notify.log')}>
      <thead>
        <tr>
          <th scope="col">{t('notify.at')}</th>
          <th scope="col">{t('notify.message')}</th>
          <th scope="col">{t('notify.status')}</th>
          <th scope="col" className="num">{t('notify.attempts')}</th>
          <th scope="col">{t('notify.answer')}</th>
        </tr>
      </thead>
      <tbody>
        {log.data.items.map((d) => (
          <tr key={d.id}>
            <td data-label={t('notify.at')}><time dateTime={d.createdAt}>{format.dateTime(d.createdAt)}</time></td>
            <td data-label={t('notify.message')}>{t(`notify.deliveryKinds.${d.kind}`)}
              {d.kind !== 'test' && <span className="muted"> · {d.title}</span>}</td>
            <td data-label={t('notify.status')}>
              <span className={`badge badge--${STATUS_BADGE[d.status]}`}>{t(`notify.statuses.${d.status}`)}</span>
              {d.status === 'pending' && d.nextAt && <span className="muted"> {t('notify.nextAt', { at: format.dateTime(d.nextAt) })}</span>}
            </td>
            <td data-label={t('notify.attempts')} className="num">{d.attempts}</td>
            <td data-label={t('notify.answer')}><RobotAnswer answer={d.lastAnswer} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
