// A page opened without a signal: it shows the device's copy of what the server said, and when
// that was (离线 · 数据截至 14:05); with no copy it says so at once instead of loading for ever.
import { useIsRestoring, type UseQueryResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/http.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useOnline } from '../../../shared/lib/use-online.js';

export interface KeptAnswer {
  /** no copy on the device, and no network to fetch one: say so, do not wait */
  missing: boolean;
  /** the answer shown is the device's copy, kept at this time (ms); null when it is fresh */
  keptAt: number | null;
  /** a failure that is the page's to show (not a lost connection while a copy is shown) */
  error: unknown;
}

const lostConnection = (error: unknown) => isApiError(error) && error.code === 'NETWORK';

/**
 * How a page treats its queries when the network may be gone. Offline, the query client pauses a
 * fetch (an endless 加载中) or, after a reload without a signal, fails it with 连接中断 even though
 * the persisted copy is there; both give way to the copy, or to "not on this device".
 */
export function useKeptAnswer(...queries: UseQueryResult<unknown>[]): KeptAnswer {
  const online = useOnline();
  const restoring = useIsRestoring();
  const have = queries.every((q) => q.data !== undefined);
  const offline = !online || queries.some((q) => q.fetchStatus === 'paused' || (q.isError && lostConnection(q.error)));
  const failed = queries.find((q) => q.isError && !(lostConnection(q.error) && (have || !online)));
  return {
    missing: !have && !restoring && (!online || queries.some((q) => q.data === undefined && q.fetchStatus === 'paused')),
    // the oldest of the answers shown: the page is as old as its oldest part
    keptAt: have && offline ? Math.min(...queries.map((q) => q.dataUpdatedAt)) : null,
    error: failed?.error ?? null,
  };
}

/** 离线 · 数据截至 14:05 (with the date when the copy is from another day). */
export function OfflineStamp({ at }: { at: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (at === null) return null;
  const when = format.dateTime(new Date(at).toISOString());
  const time = when.startsWith(format.today()) ? when.slice(11) : when;
  return (
    <p className="offline-stamp" role="status">
      {t('offline.stamp', { time })}
    </p>
  );
}

/** The page of a unit the device has no copy of, shown at once while offline. */
export function NotKeptPage() {
  const { t } = useTranslation();
  return (
    <section className="status-page" data-testid="not-kept">
      <h1>{t('offline.unitNotKeptTitle')}</h1>
      <p>{t('offline.notKeptBody')}</p>
      <p className="status-page__actions">
        <Link to="/" className="button button--secondary">
          {t('pages.home')}
        </Link>
      </p>
    </section>
  );
}
