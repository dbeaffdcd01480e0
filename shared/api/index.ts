// Every endpoint of the API, by feature: the one list the server registers, the dashboard calls
// and the access table is read from.
import { type Access, type Endpoint, endpointKey } from './endpoint.js';
import { areasApi } from './areas.js';
import { auditApi } from './audit.js';
import { bulletinsApi } from './bulletins.js';
import { authApi } from './auth.js';
import { channelsApi } from './channels.js';
import { displayApi } from './display.js';
import { healthApi } from './health.js';
import { liveApi } from './live.js';
import { noticesApi } from './notices.js';
import { reportsApi } from './reports.js';
import { settingsApi } from './settings.js';
import { stepsApi } from './steps.js';
import { trainingApi } from './training.js';
import { unitsApi } from './units.js';
import { usersApi } from './users.js';

export const API = {
  areas: areasApi,
  auth: authApi,
  health: healthApi,
  users: usersApi,
  units: unitsApi,
  steps: stepsApi,
  reports: reportsApi,
  settings: settingsApi,
  notices: noticesApi,
  bulletins: bulletinsApi,
  channels: channelsApi,
  live: liveApi,
  audit: auditApi,
  display: displayApi,
  training: trainingApi,
} as const;

export const ENDPOINTS: readonly Endpoint[] = Object.values(API).flatMap((feature) => Object.values(feature) as Endpoint[]);

/** The access table: `METHOD /path` → who may call it and how it keeps to the caller's scope. */
export const DECLARED_ACCESS: Readonly<Record<string, Access>> = Object.fromEntries(ENDPOINTS.map((e) => [endpointKey(e), e.access]));

export * from './endpoint.js';
