// Adding or changing a channel: which robot, its address (never shown again after saving),
// DingTalk's signing secret, the digest's time and the alerts it takes.
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DigestPreview } from './DigestPreview.js';
import { ALERT_KINDS, CHANNEL_KINDS, type AlertKind, type Channel, type ChannelKind } from '../../../../../shared/schemas/index.js';
import { describeProblem } from '../../../shared/api/describe-error.js';
import { isApiError } from '../../../shared/api/http.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useSaveChannel } from '../api/channels.js';

/** a checkbox and its words on one line, big enough for a finger */
const CHECK = { display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: '2.25rem' } as const;

const OFFERED: readonly AlertKind[] = ALERT_KINDS;

const FIELDS = ['name', 'kind', 'webhookUrl', 'secret', 'digestAt', 'alerts', 'enabled'];

/** The server's words about a webhook address (server/features/notify/notify.address.ts), in the dashboard's language. */
function addressProblem(message: string, t: TFunction): string | undefined {
  const host = /^the host (\S+) is not allowed/.exec(message);
  if (host) return t('notify.problems.host', { host: host[1] });
  if (/must start with https/.test(message)) return t('notify.problems.https');
  if (/private or reserved/.test(message)) return t('notify.problems.private');
  if (/user name or password/.test(message)) return t('notify.problems.userinfo');
  if (/^not a web address/.test(message)) return t('notify.problems.url');
  const key = /carries (\w+)=/.exec(message);
  if (key) return t('notify.problems.key', { param: key[1] });
  if (/HH:MM/.test(message)) return t('notify.problems.time');
  return undefined;
}

export function ChannelForm({ channel, onDone }: { channel?: Channel; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveChannel();
  const [name, setName] = useState(channel?.name ?? '');
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'wecom');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [digest, setDigest] = useState(channel ? channel.digestAt !== null : true);
  const [digestAt, setDigestAt] = useState(channel?.digestAt ?? '08:30');
  const [alerts, setAlerts] = useState<AlertKind[]>(channel?.alerts ?? ['wiring_refused', 'postponement_limit', 'registration_rejected', 'notice_overdue']);
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [missing, setMissing] = useState<Record<string, string>>({});

  const issues = isApiError(save.error) && Array.isArray(save.error.details) ? (save.error.details as { field?: string; message?: string }[]) : [];
  const serverIssue = (field: string) => {
    const issue = issues.find((d) => d.field?.split(/[./]/).pop() === field);
    return issue?.message ? addressProblem(issue.message, t) ?? describeProblem(issue.message, t, field) : undefined;
  };
  // a refusal that names a field of this form is shown at the field
  const shownAtFields = issues.length > 0 && issues.every((d) => FIELDS.includes(d.field?.split(/[./]/).pop() ?? ''));
  const errorOf = (field: string) => missing[field] ?? serverIssue(field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('problem.required');
    if (!channel && !webhookUrl.trim()) found.webhookUrl = t('problem.required');
    setMissing(found);
    if (Object.keys(found).length) return;
    const changes = {
      name: name.trim(),
      kind,
      ...(webhookUrl.trim() ? { webhookUrl: webhookUrl.trim() } : {}),
      ...(kind === 'dingtalk' && secret.trim() ? { secret: secret.trim() } : {}),
      digestAt: digest ? digestAt : null,
      alerts,
      enabled,
    };
    save.mutate({ id: channel?.id, changes: changes as never }, { onSuccess: onDone });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={channel ? t('notify.editTitle') : t('notify.addTitle')}>
      <Field label={t('notify.name')} hint={t('notify.nameHint')} error={errorOf('name')} required>
        {(p) => <input {...p} name="name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('notify.kind')} required>
        {(p) => (
          <select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>{t(`notify.kinds.${k}`)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('notify.webhookUrl')}
        hint={channel ? t('notify.webhookKeep', { masked: channel.webhookUrl }) : t(`notify.webhookHint.${kind}`)}
        error={errorOf('webhookUrl')}
        required={!channel}
      >
        {(p) => <input {...p} name="webhookUrl" type="url" inputMode="url" autoComplete="off" spellCheck={false} value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} />}
      </Field>
      {kind === 'dingtalk' && (
        <Field label={t('notify.secret')} hint={channel?.hasSecret ? t('notify.secretKeep') : t('notify.secretHint')} error={errorOf('secret')}>
          {(p) => <input {...p} name="secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />}
        </Field>
      )}
      <fieldset>
        <legend>{t('notify.receives')}</legend>
        <label style={CHECK}>
          <input type="checkbox" name="digest" checked={digest} onChange={(e) => setDigest(e.target.checked)} /> {t('notify.digest')}
        </label>
        {digest && (
          <Field label={t('notify.digestAt')} hint={t('notify.digestAtHint')} error={errorOf('digestAt')}>
            {(p) => <input {...p} name="digestAt" type="time" value={digestAt} onChange={(e) => setDigestAt(e.target.value)} />}
          </Field>
        )}
        {digest && <DigestPreview kind={kind} />}
        {OFFERED.map((a) => (
          <label key={a} style={CHECK}>
            <input
              type="checkbox"
              name={`alert-${a}`}
              checked={alerts.includes(a)}
              onChange={(e) => setAlerts((list) => (e.target.checked ? [...list, a] : list.filter((x) => x !== a)))}
            />{' '}
            {t(`notify.alerts.${a}`)}
          </label>
        ))}
      </fieldset>
      <label style={CHECK}>
        <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('notify.enabled')}
      </label>
      <ErrorNotice error={shownAtFields ? null : save.error} />
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>{save.isPending ? t('app.saving') : t('app.save')}</button>
        <button type="button" className="button button--secondary" onClick={onDone}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}
