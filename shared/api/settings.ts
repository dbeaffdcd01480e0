// The settings (docs/contract/api.md "Settings"): the installation's time zone and deadlines, or with ?area= an
// area's own deadlines and where each value in force comes from.
import { z } from 'zod';
import { AreaOwnSettings, AreaSettings, Settings, SettingsInput, SettingsQuery } from '../schemas/settings.js';
import { RegistrationHelp, RegistrationHelpBody, RegistrationHelpQuery } from '../schemas/unit-help.js';
import { endpoint } from './endpoint.js';
import { office } from './roles.js';

const tag = 'settings';

// an area's answer first: the installation's shape would take it too, stripped of its sources
export const SettingsAnswer = z.union([AreaSettings, Settings]);

/**
 * The installation's settings, or with ?area= the area's own values. Which one is meant is the
 * query's to say, so the body is checked against that one by the service (its message names the
 * fields of the shape the query chose); here it is declared for the client and the docs, and
 * passed on as sent.
 */
export const SettingsBody = z.union([SettingsInput.loose(), AreaOwnSettings.loose()]).catch((ctx) => ctx.input as never);

export const settingsApi = {
  /** where units register and whom they call: the area's own values and those in force (office) */
  getHelp: endpoint({ method: 'GET', path: '/api/settings/help', tag, access: { roles: office, scope: 'filtered' }, query: RegistrationHelpQuery, response: { 200: RegistrationHelp } }),
  /** the area's own values (without area: the installation's, by a whole-installation office) */
  putHelp: endpoint({ method: 'PUT', path: '/api/settings/help', tag, access: { roles: office, scope: 'filtered' }, query: RegistrationHelpQuery, body: RegistrationHelpBody, response: { 200: RegistrationHelp } }),
  /** anyone logged in reads the installation's; an area's only inside the caller's reach */
  get: endpoint({ method: 'GET', path: '/api/settings', tag, access: { roles: 'any', scope: 'filtered' }, query: SettingsQuery, response: { 200: SettingsAnswer } }),
  /** the installation's: a whole-installation office only; an area's: an office whose scope holds it */
  put: endpoint({
    method: 'PUT',
    path: '/api/settings',
    tag,
    access: { roles: office, scope: 'filtered' },
    query: SettingsQuery,
    body: SettingsBody,
    response: { 200: SettingsAnswer },
  }),
};
