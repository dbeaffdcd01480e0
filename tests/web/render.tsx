// Renders a dashboard piece as the app would: a fresh query client, a signed-in user, Chinese text.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { SessionUser } from '../../shared/schemas/index.js';
import '../../web/src/i18n/index.js';
import { createAppHistory } from '../../web/src/shared/router/history.js';
import { parseSearch, stringifySearch } from '../../web/src/shared/router/search.js';
import { SessionContext } from '../../web/src/shared/session/session.js';

export const office: SessionUser = { id: 'u-office', username: 'office', displayName: '王主任', role: 'office', unitId: null, scope: null };
export const technician: SessionUser = { id: 'u-tech', username: 'tech', displayName: '李师傅', role: 'technician', unitId: null, scope: null };
export const unitUser = (unitId: string): SessionUser => ({ id: 'u-unit', username: 'unit', displayName: '张联络员', role: 'unit', unitId, scope: null });

/** A router that shows `ui` at whatever address the window is at, reading its query as the app does. */
export function routerFor(ui: ReactNode) {
  const rootRoute = createRootRoute({ component: () => ui });
  return createRouter({ routeTree: rootRoute, history: createAppHistory(), parseSearch, stringifySearch });
}

/** Renders `ui` as the page at the window's address; resolves once the router shows it. */
export async function renderAs(user: SessionUser, ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const page = <SessionContext.Provider value={user}>{ui}</SessionContext.Provider>;
  const router = routerFor(page);
  await router.load();
  return { client, ...render(<QueryClientProvider client={client}><RouterProvider router={router} /></QueryClientProvider>) };
}

type Route = (request: { method: string; url: string; body: unknown }) => { status: number; body?: unknown } | undefined;

/** A fake API: each call goes to `route`; what it leaves unanswered is a 404. Calls are recorded. */
export function fakeApi(route: Route) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    calls.push({ method, url, body });
    const answer = route({ method, url, body }) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'not found' } } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
