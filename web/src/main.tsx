import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.js';
import './app/styles.css';
import './app/styles.pages.css';
import './app/styles.field.css';
import './app/styles.areas.css';
import './app/styles.leaders.css';
import { App } from './app/App.js';

// The service worker keeps the app itself on the device, so it opens without a network.
// (`vite build` is mode production even when NODE_ENV says otherwise, as under a test runner;
// the dev server has no worker to register)
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  // after the page has loaded, so the worker's downloads do not compete with the app's own
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // plain http on a LAN address: no service worker, the app still works online
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

// the meeting screen stands alone: a display link opens it without a login, outside the app
const ScreenPage = lazy(() => import('./features/screen/index.js').then((m) => ({ default: m.ScreenPage })));
const onScreen = window.location.pathname === '/screen';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {onScreen ? (
      <Suspense fallback={null}>
        <ScreenPage />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
