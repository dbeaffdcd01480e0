// 通知设置 (office): the group robots that get the daily digest and the instant alerts, each
// with "send a test message" and its delivery log.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Delivery } from '../../../../../shared/schemas/index.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useChannels, useSaveChannel, useSendTest } from '../api/channels.js';
import { ChannelForm } from './ChannelForm.js';
import { RobotAnswer } from './RobotAnswer.js';
import { DeliveryLog } from './DeliveryLog.js';

export function NotifyPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  return (
    <section>
      <div className="page-head">
        <h1>{t('notify.title')}</h1>
        {editing === null && (
          <p className="page-head__actions">
            <button type="button" className="button" onClick={() => setEditing('new')}>{t('notify.add')}</button>
          </p>
        )}
      </div>
      <p className="muted">{t('notify.intro')}</p>
      {editing === 'new' && (
        <div className="panel">
          <h2>{t('notify.addTitle')}</h2>
          <ChannelForm onDone={() => setEditing(null)} />
        </div>
      )}
      {channels.isPending ? (
        <Loading />
      ) : channels.isError ? (
        <PageError error={channels.error} onRetry={() => void channels.refetch()} />
      ) : channels.data.length === 0 ? (
        editing !== 'new' && <p className="empty">{t('notify.empty')}</p>
      ) : (
        channels.data.map((c) =>
          editing === c.id ? (
            <div className="panel" key={c.id}>
              <h2>{t('notify.editTitle')}</h2>
              <ChannelForm channel={c} onDone={() => setEditing(null)} />
            </div>
          ) : (
            <ChannelCard key={c.id} channel={c} onEdit={() => setEditing(c.id)} />
          ),
        )
      )}
    </section>
  );
}

function ChannelCard({ channel: c, onEdit }: { channel: Channel; onEdit: () => void }) {
  const { t } = useTranslation();
  const test = useSendTest();
  const toggle = useSaveChannel();
  const [answer, setAnswer] = useState<Delivery | null>(null);
  const receives = [c.digestAt ? t('notify.digestDaily', { at: c.digestAt }) : null, ...c.alerts.map((a) => t(`notify.alerts.${a}`))].filter(Boolean);
  return (
    <article className="panel" aria-label={c.name}>
      <div className="page-head">
        <h2>
          {c.name} <span className="muted">· {t(`notify.kinds.${c.kind}`)}</span>
          {!c.enabled && <span className="badge badge--void"> {t('notify.disabled')}</span>}
        </h2>
        <p className="page-head__actions">
          <button
            type="button"
            className="button button--small"
            disabled={test.isPending}
            onClick={() => test.mutate(c.id, { onSuccess: setAnswer })}
          >
            {test.isPending ? t('notify.testing') : t('notify.test')}
          </button>
          <button type="button" className="button button--small button--secondary" onClick={onEdit}>{t('notify.edit')}</button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({ id: c.id, changes: { enabled: !c.enabled } })}
          >
            {c.enabled ? t('notify.disable') : t('notify.enable')}
          </button>
        </p>
      </div>
      <dl className="pairs">
        <div><dt>{t('notify.webhookUrl')}</dt><dd><code className="audit__details">{c.webhookUrl}</code></dd></div>
        {c.kind === 'dingtalk' && <div><dt>{t('notify.secret')}</dt><dd>{c.hasSecret ? t('notify.secretSet') : t('notify.secretNone')}</dd></div>}
        <div><dt>{t('notify.receives')}</dt><dd>{receives.length ? receives.join('、') : t('notify.nothing')}</dd></div>
      </dl>
      <ErrorNotice error={test.error ?? toggle.error} />
      {answer && (
        <p className={`notice ${answer.status === 'sent' ? 'notice--ok' : answer.status === 'failed' ? 'notice--error' : 'notice--info'}`} role="status">
          {t(`notify.testResult.${answer.status}`)} <RobotAnswer answer={answer.lastAnswer} />
        </p>
      )}
      <h3>{t('notify.log')}</h3>
      <DeliveryLog channelId={c.id} />
    </article>
  );
}
