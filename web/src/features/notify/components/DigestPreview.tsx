// "What will the group read each morning?": the digest as the robot of this kind would get it
// now, shown on request before the channel is saved (GET /api/channels/preview).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../../../../shared/api/channels.js';
import type { ChannelKind } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';

export function DigestPreview({ kind }: { kind: ChannelKind }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const preview = useQuery({
    queryKey: ['channels', 'preview', kind],
    queryFn: ({ signal }) => call(channelsApi.preview, { query: { kind }, signal }),
    enabled: open,
  });
  return (
    <div className="digest-preview">
      <button type="button" className="button button--small button--secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('notifyPreview.hide') : t('notifyPreview.show')}
      </button>
      {open && (preview.isPending ? <p className="muted">{t('app.loading')}</p> : preview.isError ? <ErrorNotice error={preview.error} /> : (
        <figure className="digest-preview__message" aria-label={t('notifyPreview.label')}>
          <figcaption>{t('notifyPreview.caption')}</figcaption>
          <pre>{preview.data.text}</pre>
        </figure>
      ))}
    </div>
  );
}
