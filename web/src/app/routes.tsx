// The route tree: which page each path shows, who may open it, its title, the query it validates
// with the API's own schema and the answers it starts fetching before the page renders.
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect, type RouterHistory } from '@tanstack/react-router';
import { z } from 'zod';
import type { Role } from '../../../shared/domain/catalogue.js';
import { DueSoonQuery, LaggardFilter, LaggardsQuery } from '../../../shared/schemas/reports.js';
import { AuditQuery } from '../../../shared/schemas/audit.js';
import { NoticeListQuery } from '../../../shared/schemas/notices.js';
import { UnitListQuery } from '../../../shared/schemas/units.js';
import { UserListQuery } from '../../../shared/schemas/users.js';
import type { SessionUser } from '../../../shared/schemas/index.js';
import { meKey } from '../features/auth/index.js';
import { laggardFiltersFrom, laggardsQueryOptions, summaryQueryOptions } from '../features/reports/index.js';
import { unitQueryOptions, unitEventsQueryOptions, unitFiltersFrom, unitsQueryOptions, UnitPage, UnitsPage, FieldHomePage } from '../features/units/index.js';
import type { TitleKey } from '../i18n/index.js';
import { Loading, NotFoundPage, PageError } from '../shared/components/StatusPage.js';
import { OutboxPanel } from '../features/field/index.js';
import { parseSearch, searchOf, stringifySearch } from '../shared/router/search.js';
import { homePath } from './nav.js';
import { Shell } from './Shell.js';
import { useMe } from '../features/auth/index.js';

/** the signed-in user, if any (the public sign-in page reads it for the contact's one tap) */
const useSignedInUser = () => useMe().data ?? null;

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** the i18n key of the page's name in the document title */
    title?: TitleKey;
    /** who may open it; everyone signed in when absent */
    roles?: readonly Role[];
  }
  interface Register {
    router: AppRouter;
  }
}

export interface RouterContext {
  queryClient: QueryClient;
}

/** Whether `user` may open a route with these roles and params. */
export function mayOpen(user: SessionUser, roles: readonly Role[] | undefined, params: Record<string, string>): boolean {
  if (roles && !roles.includes(user.role)) return false;
  // A unit's contact sees its own unit only; the server says so too, this spares the round trip.
  if (user.role === 'unit' && params.id !== undefined && params.id !== user.unitId) return false;
  return true;
}

const signedIn = (client: QueryClient) => client.getQueryData<SessionUser | null>(meKey) ?? null;

// The role guard every route runs before it loads: a page the user may not open shows the
// forbidden page at its address (the shell reads `forbidden`), and its answers are not fetched.
// Nobody signed in: the shell shows the login page.
function guard(client: QueryClient, roles: readonly Role[] | undefined, params: Record<string, string>) {
  const user = signedIn(client);
  return { forbidden: Boolean(user && !mayOpen(user, roles, params)) };
}

// answers a page needs, started while its code loads; the page shows its own progress and errors
const prefetch = (promise: Promise<unknown>): void => void promise.catch(() => {});

const office = ['office'] as const;
const readers = ['office', 'viewer'] as const;

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Shell,
  notFoundComponent: NotFoundPage,
});

const home = (path: '/' | '/login') =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    beforeLoad: ({ context }) => {
      const user = signedIn(context.queryClient);
      if (user) throw redirect({ href: homePath(user), replace: true });
    },
    component: () => null,
  });

const page = <P extends string>(path: P, title: TitleKey, roles?: readonly Role[]) =>
  ({
    getParentRoute: () => rootRoute,
    path,
    staticData: { title, roles },
    beforeLoad: ({ context, params }: { context: RouterContext; params: Record<string, string> }) => guard(context.queryClient, roles, params),
  }) as const;

// Office-only and report pages load on demand, keeping them out of the first download.
const overview = createRoute({
  ...page('/overview', 'titles.overview', readers),
  loader: ({ context }) => context.forbidden || prefetch(context.queryClient.ensureQueryData(summaryQueryOptions())),
  component: lazyRouteComponent(() => import('../features/reports/components/OverviewPage.js'), 'OverviewPage'),
});
const laggards = createRoute({
  ...page('/laggards', 'titles.laggards', readers),
  validateSearch: searchOf(LaggardsQuery),
  loaderDeps: ({ search }) => laggardFiltersFrom(search),
  loader: ({ context, deps }) => context.forbidden || prefetch(context.queryClient.ensureQueryData(laggardsQueryOptions(deps))),
  component: lazyRouteComponent(() => import('../features/reports/components/LaggardsPage.js'), 'LaggardsPage'),
});
// the board's second tab: units not yet late, due soon (the leaders' view)
const dueSoon = createRoute({
  ...page('/laggards/due-soon', 'titles.dueSoon', readers),
  validateSearch: searchOf(DueSoonQuery),
  component: lazyRouteComponent(() => import('../features/reports/components/DueSoonPage.js'), 'DueSoonPage'),
});
const bulletin = createRoute({
  ...page('/laggards/bulletin', 'titles.bulletin', readers),
  validateSearch: searchOf(LaggardFilter),
  component: lazyRouteComponent(() => import('../features/reports/components/BulletinPage.js'), 'BulletinPage'),
});
// an issued bulletin, as it was issued (its id in the path: it never changes)
const issuedBulletin = createRoute({
  ...page('/bulletins/$id', 'titles.issuedBulletin', ['office', 'viewer']),
  component: lazyRouteComponent(() => import('../features/reports/components/IssuedBulletinPage.js'), 'IssuedBulletinPage'),
});
const notices = createRoute({
  ...page('/notices', 'titles.notices', readers),
  validateSearch: searchOf(NoticeListQuery),
  component: lazyRouteComponent(() => import('../features/notices/components/NoticesPage.js'), 'NoticesPage'),
});
const noticePrint = createRoute({
  ...page('/notices/print', 'titles.noticePrint', ['office', 'viewer', 'unit']),
  validateSearch: searchOf(NoticeListQuery.extend({ ids: z.string().optional() })),
  component: lazyRouteComponent(() => import('../features/notices/components/NoticePrintPage.js'), 'NoticePrintPage'),
});
const units = createRoute({
  ...page('/units', 'titles.units', ['office', 'viewer', 'technician']),
  validateSearch: searchOf(UnitListQuery),
  loaderDeps: ({ search }) => unitFiltersFrom(search),
  loader: ({ context, deps }) => context.forbidden || prefetch(context.queryClient.ensureQueryData(unitsQueryOptions(deps))),
  component: UnitsPage,
});
const UnitFormPage = lazyRouteComponent(() => import('../features/units/components/admin/UnitFormPage.js'), 'UnitFormPage');
const unitNew = createRoute({ ...page('/units/new', 'titles.unitNew', office), component: () => <UnitFormPage /> });
const unitImport = createRoute({
  ...page('/units/import', 'titles.import', office),
  component: lazyRouteComponent(() => import('../features/units/components/admin/ImportPage.js'), 'ImportPage'),
});
const unit = createRoute({
  ...page('/units/$id', 'titles.unit'),
  loader: ({ context, params }) => {
    if (context.forbidden) return;
    prefetch(context.queryClient.ensureQueryData(unitQueryOptions(params.id)));
    prefetch(context.queryClient.ensureQueryData(unitEventsQueryOptions(params.id)));
  },
  component: function UnitRoute() {
    const { id } = unit.useParams();
    return <UnitPage key={id} id={id} />;
  },
});
const unitEdit = createRoute({
  ...page('/units/$id/edit', 'titles.unitEdit', office),
  component: function UnitEditRoute() {
    const { id } = unitEdit.useParams();
    return <UnitFormPage key={id} id={id} />;
  },
});
const field = createRoute({
  ...page('/field', 'titles.field', ['technician', 'office']),
  validateSearch: searchOf(z.object({ q: z.string().optional() })),
  component: FieldHomePage,
});
const outbox = createRoute({ ...page('/outbox', 'titles.outbox'), component: () => <OutboxPanel page /> });
const assignments = createRoute({
  ...page('/assignments', 'titles.assignments', office),
  component: lazyRouteComponent(() => import('../features/units/components/assign/AssignmentsPage.js'), 'AssignmentsPage'),
});
const users = createRoute({
  ...page('/users', 'titles.users', office),
  validateSearch: searchOf(UserListQuery),
  component: lazyRouteComponent(() => import('../features/users/components/UsersPage.js'), 'UsersPage'),
});
const settings = createRoute({
  ...page('/settings', 'titles.settings', office),
  component: lazyRouteComponent(() => import('../features/settings/components/SettingsPage.js'), 'SettingsPage'),
});
const notify = createRoute({
  ...page('/notify', 'titles.notify', office),
  component: lazyRouteComponent(() => import('../features/notify/components/NotifyPage.js'), 'NotifyPage'),
});
// the meeting screen's display links (issue 26); the screen itself is /screen, outside the app
const displayLinks = createRoute({
  ...page('/display-links', 'titles.display', office),
  component: lazyRouteComponent(() => import('../features/display/components/DisplayLinksPage.js'), 'DisplayLinksPage'),
});
const audit = createRoute({
  ...page('/audit', 'titles.audit', office),
  validateSearch: searchOf(AuditQuery),
  component: lazyRouteComponent(() => import('../features/audit/components/AuditPage.js'), 'AuditPage'),
});
// training (web/src/features/training): the list, one training, the projector's screen, the sheet, the phone's sign-in
const TrainingPage = lazyRouteComponent(() => import('../features/training/components/TrainingPage.js'), 'TrainingPage');
const SignInScreen = lazyRouteComponent(() => import('../features/training/components/SignInScreenPage.js'), 'SignInScreen');
const SignInSheet = lazyRouteComponent(() => import('../features/training/components/SignInSheetPage.js'), 'SignInSheet');
const PhoneSignIn = lazyRouteComponent(() => import('../features/training/components/PhoneSignInPage.js'), 'PhoneSignIn');
const trainings = createRoute({ ...page('/trainings', 'titles.trainings', ['office', 'viewer', 'unit']), component: lazyRouteComponent(() => import('../features/training/components/TrainingsPage.js'), 'TrainingsPage') });
const training = createRoute({
  ...page('/trainings/$trainingId', 'titles.training', ['office', 'viewer', 'unit']),
  component: function TrainingRoute() {
    const { trainingId } = training.useParams();
    return <TrainingPage key={trainingId} id={trainingId} />;
  },
});
const trainingScreen = createRoute({
  ...page('/trainings/$trainingId/screen', 'titles.trainingScreen', office),
  component: function ScreenRoute() {
    return <SignInScreen id={trainingScreen.useParams().trainingId} />;
  },
});
const trainingSheet = createRoute({
  ...page('/trainings/$trainingId/sheet', 'titles.trainingSheet', readers),
  component: function SheetRoute() {
    return <SignInSheet id={trainingSheet.useParams().trainingId} />;
  },
});
// no guard: a participant's phone opens it without an account (the Shell shows it signed out too)
const signIn = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/$trainingId',
  staticData: { title: 'titles.signIn' },
  validateSearch: searchOf(z.object({ code: z.string().optional() })),
  component: function SignInRoute() {
    const { trainingId } = signIn.useParams();
    const { code } = signIn.useSearch();
    const me = useSignedInUser();
    return <PhoneSignIn id={trainingId} code={code} contactUnitId={me?.role === 'unit' ? me.unitId : null} />;
  },
});
// every role: one's own password
const password = createRoute({
  ...page('/account/password', 'titles.password'),
  component: lazyRouteComponent(() => import('../features/auth/components/ChangePasswordPage.js'), 'ChangePasswordPage'),
});

export const routeTree = rootRoute.addChildren([
  home('/'),
  home('/login'),
  overview,
  laggards,
  dueSoon,
  bulletin,
  issuedBulletin,
  notices,
  noticePrint,
  units,
  unitNew,
  unitImport,
  unit,
  unitEdit,
  field,
  outbox,
  assignments,
  users,
  settings,
  notify,
  displayLinks,
  audit,
  password,
  trainings,
  training,
  trainingScreen,
  trainingSheet,
  signIn,
]);

export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    history,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    // the page's own loading and errors show as before; a refused page shows in place, at its address
    defaultPendingComponent: Loading,
    defaultErrorComponent: ({ error }) => <PageError error={error} />,
    defaultNotFoundComponent: NotFoundPage,
    // the loaders only start fetches the query cache keeps: it decides what is fresh
    defaultPreloadStaleTime: 0,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;
