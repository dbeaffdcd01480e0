// Office: urge every laggard the board's filters select. The dialog first asks the server how
// many that is and which units it leaves out and why (a dry run); the office may tick skipped
// units back in. The count and the ticked units are sent along, so what is issued is what was confirmed.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Link } from '@tanstack/react-router';
import { useBatchPreview, useIssueBatch, type BatchAnswer, type BatchFilters } from '../api/notices.js';
import { IssueFields, useDefaultIssue } from './IssueFields.js';
import { SkippedUnits } from './SkippedUnits.js';
import { useSessionUser } from '../../../shared/session/session.js';

export function BatchNoticeDialog({ filters, filterText, onClose }: { filters: BatchFilters; filterText: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(useDefaultIssue());
  const [done, setDone] = useState<BatchAnswer | null>(null);
  const user = useSessionUser();
  // a city or province presses the areas below it (督办); urging their units directly stays a choice
  const above = user.scope !== null && user.scope.length < 6;
  const [target, setTarget] = useState<'areas' | 'units'>(above ? 'areas' : 'units');
  const body: BatchFilters & { target?: 'areas'; parent?: string } = target === 'areas' ? { target, parent: filters.area } : filters;
  const preview = useBatchPreview(body, !done);
  const issue = useIssueBatch();
  const [include, setInclude] = useState<string[]>([]);
  const choose = (next: 'areas' | 'units') => {
    setTarget(next);
    setInclude([]);
  };
  // the dry run lists every skipped unit; those ticked are added to its count
  const count = (preview.data?.willCreate ?? 0) + include.length;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate(
      { ...body, respondBy: value.respondBy || undefined, note: value.note.trim() || undefined, expected: count, include: include.length ? include : undefined },
      { onSuccess: setDone, onError: () => void preview.refetch() },
    );
  };
  if (done) {
    return (
      <Dialog title={t('notices.issuedTitle')} onClose={onClose}>
        <p role="status">{t(target === 'areas' ? 'dubang.issuedBatch' : 'notices.issuedBatch', { count: done.created })}</p>
        <div className="button-row">
          {done.batchId && <Link className="button" to="/notices/print" search={{ batchId: done.batchId }}>{t('notices.printBatch', { count: done.created })}</Link>}
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.close')}</button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('notices.batchTitle')} onClose={onClose}>
      {above && (
        <fieldset className="batch-target">
          <legend>{t('dubang.targetLegend')}</legend>
          {(['areas', 'units'] as const).map((v) => (
            <label key={v} className="batch-target__choice">
              <input type="radio" name="batch-target" value={v} checked={target === v} onChange={() => choose(v)} /> {t(`dubang.batchTarget.${v}`)}
            </label>
          ))}
        </fieldset>
      )}
      {target === 'units' && <p>{t('notices.batchFilters', { filters: filterText || t('notices.batchNoFilter') })}</p>}
      {preview.isPending ? (
        <p>{t('app.loading')}</p>
      ) : preview.isError ? (
        <ErrorNotice error={preview.error} />
      ) : (
        <p role="status">
          <strong>{t(target === 'areas' ? 'dubang.batchCount' : 'notices.batchCount', { count })}</strong>
        </p>
      )}
      {preview.data && <SkippedUnits skipped={preview.data.skipped} include={include} onChange={setInclude} />}
      <form className="form" onSubmit={submit} noValidate>
        <IssueFields value={value} onChange={setValue} />
        <ErrorNotice error={issue.error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={issue.isPending || preview.isPending || count === 0}>
            {t('notices.batchConfirm', { count })}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
