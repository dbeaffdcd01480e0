// Whole-page answers: forbidden, not found, connection lost, anything else.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/describe-error.js';
import { isApiError } from '../api/http.js';
import { Link } from '@tanstack/react-router';

function StatusPage({ title, body, action }: { title: string; body: string; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="status-page">
      <h1>{title}</h1>
      <p>{body}</p>
      <p className="status-page__actions">
        {action}
        <Link to="/" className="button button--secondary">
          {t('pages.home')}
        </Link>
      </p>
    </section>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('pages.forbiddenTitle')} body={t('pages.forbiddenBody')} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('pages.notFoundTitle')} body={t('pages.notFoundBody')} />;
}

export function OfflinePage({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusPage
      title={t('pages.offlineTitle')}
      body={t('pages.offlineBody')}
      action={
        onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('app.retry')}
          </button>
        )
      }
    />
  );
}

/** The page a failed query shows: 403 and 404 and a lost connection each have their own. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isApiError(error)) {
    if (error.status === 403) return <ForbiddenPage />;
    if (error.status === 404) return <NotFoundPage />;
    if (error.code === 'NETWORK') return <OfflinePage onRetry={onRetry} />;
  }
  const { title, lines } = describeError(error, t);
  return (
    <StatusPage
      title={t('pages.errorTitle')}
      body={[title, ...lines].join(' ')}
      action={
        onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('app.retry')}
          </button>
        )
      }
    />
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
