// Office: urge one unit from its page or a board row.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../../../shared/schemas/notices.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Link } from '@tanstack/react-router';
import { useIssueNotice } from '../api/notices.js';
import { IssueFields, useDefaultIssue } from './IssueFields.js';

export function IssueNoticeDialog({ unit, onClose }: { unit: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(useDefaultIssue());
  const [done, setDone] = useState<Notice | null>(null);
  const issue = useIssueNotice(unit.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate({ respondBy: value.respondBy || undefined, note: value.note.trim() || undefined }, { onSuccess: setDone });
  };
  if (done) {
    return (
      <Dialog title={t('notices.issuedTitle')} onClose={onClose}>
        <p role="status">{t('notices.issuedOne', { number: done.number, unit: unit.name })}</p>
        <div className="button-row">
          <Link className="button" to="/notices/print" search={{ ids: done.id }}>{t('notices.print')}</Link>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.close')}</button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('notices.issueTitle', { unit: unit.name })} onClose={onClose}>
      <p>{t('notices.issueExplain')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <IssueFields value={value} onChange={setValue} />
        <ErrorNotice error={issue.error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={issue.isPending}>{t('notices.issueConfirm')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
