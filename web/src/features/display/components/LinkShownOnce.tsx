// The new link, shown this once: only its hash is stored, so nobody can show it again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function LinkShownOnce({ url, label, onDone }: { url: string; label: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    // the clipboard needs a secure context; on plain http the reader selects the text by hand
    if (!navigator.clipboard) return setCopied('failed');
    navigator.clipboard.writeText(url).then(() => setCopied('yes'), () => setCopied('failed'));
  };
  return (
    <div className="panel" role="region" aria-label={t('display.newLink')}>
      <h2>{t('display.newLinkFor', { label })}</h2>
      <p className="notice notice--error" role="alert">{t('display.onceWarning')}</p>
      <p>
        <input readOnly value={url} aria-label={t('display.newLink')} onFocus={(e) => e.currentTarget.select()} />
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={copy}>{t('display.copy')}</button>
        <a className="button button--secondary" href={url} target="_blank" rel="noreferrer">{t('display.open')}</a>
        <button type="button" className="button button--secondary" onClick={onDone}>{t('display.done')}</button>
      </div>
      {copied && <p className={`notice ${copied === 'yes' ? 'notice--ok' : 'notice--info'}`} role="status">{copied === 'yes' ? t('display.copied') : t('display.copyFailed')}</p>}
    </div>
  );
}
