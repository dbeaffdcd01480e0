// The route table: which page each path shows and which roles may open it.
import { lazy, type ReactNode } from 'react';
import type { Role } from '../../../shared/domain/steps.js';
import { UnitPage } from '../features/units/components/UnitPage.js';
import { UnitsPage } from '../features/units/components/UnitsPage.js';
import { FieldHomePage } from '../features/units/components/field/FieldHomePage.js';
import { OutboxPanel } from '../shared/outbox/OutboxPanel.js';

// Office-only and report pages load on demand, keeping them out of the first download.
const UnitFormPage = lazy(() => import('../features/units/components/admin/UnitFormPage.js').then((m) => ({ default: m.UnitFormPage })));
const ImportPage = lazy(() => import('../features/units/components/admin/ImportPage.js').then((m) => ({ default: m.ImportPage })));
const UsersPage = lazy(() => import('../features/users/components/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const SettingsPage = lazy(() => import('../features/settings/components/SettingsPage.js').then((m) => ({ default: m.SettingsPage })));
const AuditPage = lazy(() => import('../features/audit/components/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const OverviewPage = lazy(() => import('../features/reports/components/OverviewPage.js').then((m) => ({ default: m.OverviewPage })));
const LaggardsPage = lazy(() => import('../features/reports/components/LaggardsPage.js').then((m) => ({ default: m.LaggardsPage })));
const AssignmentsPage = lazy(() => import('../features/units/components/assign/AssignmentsPage.js').then((m) => ({ default: m.AssignmentsPage })));
const NotifyPage = lazy(() => import('../features/notify/components/NotifyPage.js').then((m) => ({ default: m.NotifyPage })));
const NoticesPage = lazy(() => import('../features/notices/components/NoticesPage.js').then((m) => ({ default: m.NoticesPage })));
const NoticePrintPage = lazy(() => import('../features/notices/components/NoticePrintPage.js').then((m) => ({ default: m.NoticePrintPage })));
const BulletinPage = lazy(() => import('../features/reports/components/BulletinPage.js').then((m) => ({ default: m.BulletinPage })));

export interface RouteDef {
  path: string;
  /** who may open it; everyone signed in when absent */
  roles?: readonly Role[];
  render: (params: Record<string, string>) => ReactNode;
}

const office = ['office'] as const;
const readers = ['office', 'viewer'] as const;

export const routes: RouteDef[] = [
  { path: '/overview', roles: readers, render: () => <OverviewPage /> },
  { path: '/laggards', roles: readers, render: () => <LaggardsPage /> },
  { path: '/laggards/bulletin', roles: readers, render: () => <BulletinPage /> },
  { path: '/notices', roles: readers, render: () => <NoticesPage /> },
  { path: '/notices/print', roles: ['office', 'viewer', 'unit'], render: () => <NoticePrintPage /> },
  { path: '/units', roles: ['office', 'viewer', 'technician'], render: () => <UnitsPage /> },
  { path: '/units/new', roles: office, render: () => <UnitFormPage /> },
  { path: '/units/import', roles: office, render: () => <ImportPage /> },
  { path: '/units/:id', render: ({ id }) => <UnitPage key={id} id={id} /> },
  { path: '/units/:id/edit', roles: office, render: ({ id }) => <UnitFormPage key={id} id={id} /> },
  { path: '/field', roles: ['technician', 'office'], render: () => <FieldHomePage /> },
  { path: '/outbox', render: () => <OutboxPanel page /> },
  { path: '/assignments', roles: office, render: () => <AssignmentsPage /> },
  { path: '/users', roles: office, render: () => <UsersPage /> },
  { path: '/settings', roles: office, render: () => <SettingsPage /> },
  { path: '/notify', roles: office, render: () => <NotifyPage /> },
  { path: '/audit', roles: office, render: () => <AuditPage /> },
];
