// The office's mark of one unit when it needs words: the attendee's name for 已参训 (optional),
// a reason for 请假 and for any change after closing (required, as the API requires); and a
// confirmation before 缺席 undoes a unit's 已签到, saying what that replaces.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../shared/components/Dialog.js';
import { Field } from '../../../shared/components/Field.js';

export type MarkStatus = 'attended' | 'absent' | 'excused';

/** Whether a mark asks for words first. */
export const markNeedsWords = (status: MarkStatus, closed: boolean, attendee?: string) => closed || status === 'excused' || (status === 'attended' && !attendee);

/** Whether a mark undoes the unit's sign-in: 缺席 over 已签到 is confirmed first. */
export const markUndoesSignIn = (status: MarkStatus, from: string) => status === 'absent' && from === 'attended';

/** Whether a mark opens the dialog before it is sent. */
export const markAsksFirst = (status: MarkStatus, from: string, closed: boolean, attendee?: string) => markNeedsWords(status, closed, attendee) || markUndoesSignIn(status, from);

interface Props {
  unitName: string;
  status: MarkStatus;
  closed: boolean;
  /** the unit's attendance now, as the roster shows it */
  from?: { status: string; attendee?: string | null };
  onSubmit: (words: { attendee?: string; reason?: string }) => void;
  onClose: () => void;
}

export function MarkDialog({ unitName, status, closed, from, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [attendee, setAttendee] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const needsReason = closed || status === 'excused';
  const undoes = from ? markUndoesSignIn(status, from.status) : false;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsReason && !reason.trim()) return setMissing(true);
    onSubmit({ attendee: attendee.trim() || undefined, reason: reason.trim() || undefined });
    onClose();
  };
  return (
    <Dialog title={t('training.markTitle', { status: t(`training.attendanceStatus.${status}`), unit: unitName })} onClose={onClose}>
      {undoes && <p className="notice notice--warn">{t('training.undoSignInExplain', { unit: unitName, attendee: from?.attendee || t('training.noAttendee') })}</p>}
      <form className="form" onSubmit={submit} noValidate>
        {status === 'attended' && <Field label={t('training.attendeeLabel')}>{(p) => <input {...p} maxLength={40} value={attendee} onChange={(e) => setAttendee(e.target.value)} />}</Field>}
        {needsReason && (
          <Field label={closed ? t('training.reasonAfterCloseLabel') : t('training.reasonExcusedLabel')} required error={missing ? t('field.required') : undefined}>
            {(p) => <textarea {...p} rows={2} maxLength={200} value={reason} onChange={(e) => { setReason(e.target.value); setMissing(false); }} />}
          </Field>
        )}
        <div className="button-row">
          <button type="submit" className={undoes ? 'button button--danger' : 'button'}>{undoes ? t('training.undoSignInConfirm') : t('training.markConfirm')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
