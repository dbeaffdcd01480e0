// The meeting screen (数据大屏) at 1920 × 1080: opened by a display link (/screen#token), no login.
// It reads GET /api/screen every few seconds with the token as a bearer header, so a step recorded
// in the scope shows within seconds, a dropped network or server is retried until it answers, and a
// revoked or expired link (401) stops showing data at the next read. Pages rotate: the ranking,
// the trend, the worst units; the headline and the latest steps stay.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayApi } from '../../../../shared/api/display.js';
import type { ScreenData } from '../../../../shared/schemas/display.js';
import { call } from '../../shared/api/call.js';
import { isApiError } from '../../shared/api/http.js';
import { Delta, RankMove } from '../../shared/components/Change.js';

/** how often the screen asks: a step shows within this, a revocation stops it within this */
export const SCREEN_POLL_MS = 3000;
const PAGE_MS = 15_000;
const PAGES = ['ranking', 'trend', 'worst'] as const;

type State = { data: ScreenData | null; problem: 'none' | 'offline' | 'revoked' };

export function ScreenPage() {
  const { t } = useTranslation();
  const [token] = useState(() => window.location.hash.slice(1));
  const [state, setState] = useState<State>({ data: null, problem: token ? 'none' : 'revoked' });
  const [page, setPage] = useState(0);

  useEffect(() => {
    if (!token) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const data = await call(displayApi.screen, { bearer: token });
        if (!stopped) setState({ data, problem: 'none' });
      } catch (error) {
        if (stopped) return;
        // revoked, expired or wrong: nothing more is shown; anything else is a drop, retried
        if (isApiError(error) && error.status === 401) setState({ data: null, problem: 'revoked' });
        else setState((s) => ({ ...s, problem: 'offline' }));
      }
      if (!stopped) timer = setTimeout(() => void tick(), SCREEN_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token]);

  useEffect(() => {
    const id = setInterval(() => setPage((p) => (p + 1) % PAGES.length), PAGE_MS);
    return () => clearInterval(id);
  }, []);

  if (state.problem === 'revoked' || !state.data) {
    return (
      <main className="screen screen--empty">
        <p role="alert">{state.problem === 'revoked' ? t('leaders.screen.revoked') : t('leaders.screen.loading')}</p>
      </main>
    );
  }
  const d = state.data;
  const s = d.summary;
  const share = s.totalUnits ? Math.round((s.onboarded / s.totalUnits) * 1000) / 10 : 0;
  const current = PAGES[page]!;
  return (
    <main className="screen">
      <header className="screen__head">
        <h1>{t('leaders.screen.title', { area: d.area?.name ?? t('leaders.screen.everywhere') })}</h1>
        <p className={`screen__rate${s.scorecard ? ` score score--${s.scorecard.colour}` : ''}`} data-testid="screen-rate">
          {t('leaders.rate')} <strong>{share}%</strong> {s.previous && <Delta value={s.onboarded - s.previous.onboarded} better="up" />}
        </p>
        <p className="screen__laggards">
          {t('reports.laggards')} <strong>{s.laggards}</strong> {s.previous && <Delta value={s.laggards - s.previous.laggards} better="down" />}
        </p>
        {state.problem === 'offline' && <p className="screen__offline" role="status">{t('leaders.screen.offline')}</p>}
      </header>
      <section className="screen__page" aria-label={t(`leaders.screen.page.${current}`)}>
        <h2>{t(`leaders.screen.page.${current}`)}</h2>
        {current === 'ranking' && (
          <ol className="screen__ranking">
            {d.ranking.slice(0, 12).map((r) => (
              <li key={r.area.code}>
                <span className="screen__rank">{r.rank}</span>
                <span className="screen__name">{r.area.name}</span>
                <span className={`screen__share${r.scorecard ? ` score score--${r.scorecard.colour}` : ''}`}>{Math.round(r.onboardedShare * 1000) / 10}%</span>
                <RankMove now={r.rank} before={r.previousRank ?? undefined} />
              </li>
            ))}
          </ol>
        )}
        {current === 'trend' && (
          <ol className="screen__trend">
            {d.trend.map((p) => (
              <li key={p.date} style={{ ['--h' as string]: `${s.totalUnits ? (p.registration / s.totalUnits) * 100 : 0}%` }}>
                <span className="screen__bar" />
                <span className="screen__day">{p.date.slice(5)}</span>
                <span className="screen__count">{p.registration}</span>
              </li>
            ))}
          </ol>
        )}
        {current === 'worst' && (
          <ol className="screen__worst">
            {d.worst.map((l) => (
              <li key={l.unit.code}>
                {l.unit.name} <span className="screen__flags">{l.flags.map((f) => t('areas.flagDays', { flag: t(`flag.${f.category}`), days: f.daysLate })).join(t('areas.listSeparator'))}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <footer className="screen__recent" data-testid="screen-recent">
        <strong>{t('leaders.screen.recent')}</strong>
        {d.recent.map((r, i) => (
          <span key={`${r.unit.code}-${i}`} className="screen__step">
            {r.unit.name} · {t(`step.${r.type}` as 'step.wiring.completed', { defaultValue: r.type })}
          </span>
        ))}
      </footer>
    </main>
  );
}
