// The projector's sign-in view: the current 6-digit code, large, and its QR code (the phone page's
// address carrying the code), with how many units have signed in, read again every few seconds.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Loading } from '../../../shared/components/StatusPage.js';
import { useRoster, useSignInCode, useTraining } from '../api/training.js';
import { QrCode } from './QrCode.js';

export function SignInScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const training = useTraining(id);
  const code = useSignInCode(id);
  const roster = useRoster(id, true);
  if (training.isPending) return <Loading />;
  const attended = roster.data?.filter((r) => r.attendance.status === 'attended') ?? [];
  return (
    <section className="sign-in-screen" aria-live="polite">
      <h1>{training.data?.title}</h1>
      <p className="sign-in-screen__hint">{t('training.screenHint')}</p>
      {code.isError && <ErrorNotice error={code.error} />}
      {code.data && (
        <div className="sign-in-screen__code">
          <QrCode text={code.data.url} size={320} label={t('training.qrLabel')} />
          <div>
            <p className="muted">{t('training.codeLabel')}</p>
            <p className="sign-in-screen__digits" data-testid="sign-in-code">{code.data.code}</p>
            <p className="muted">{t('training.codeRotates')}</p>
          </div>
        </div>
      )}
      <p className="sign-in-screen__count" data-testid="signed-in-count">{t('training.signedIn', { count: attended.length, of: roster.data?.length ?? 0 })}</p>
      <ul className="sign-in-screen__names">{attended.slice(-12).map((r) => <li key={r.unit.id}>{r.unit.name} · {r.attendance.attendee}</li>)}</ul>
      <p className="no-print"><Link to="/trainings/$trainingId" params={{ trainingId: id }}>{t('training.backToRoster')}</Link></p>
    </section>
  );
}
