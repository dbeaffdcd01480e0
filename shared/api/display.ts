// Display links (docs/contract/api.md "Leaders' view"): an office makes a read-only link for its
// scope; the meeting screen reads GET /api/screen with the link's token as a bearer token.
import { IdParams } from '../schemas/common.js';
import { CreateDisplayLink, CreatedDisplayLink, DisplayLink, DisplayLinkList, ScreenData } from '../schemas/display.js';
import { endpoint } from './endpoint.js';

const tag = 'display';
const office = ['office'] as const;

export const displayApi = {
  create: endpoint({ method: 'POST', path: '/api/display-links', tag, access: { roles: office, scope: 'filtered' }, body: CreateDisplayLink, response: { 201: CreatedDisplayLink } }),
  list: endpoint({ method: 'GET', path: '/api/display-links', tag, access: { roles: office, scope: 'filtered' }, response: { 200: DisplayLinkList } }),
  revoke: endpoint({ method: 'POST', path: '/api/display-links/:id/revoke', tag, access: { roles: office, scope: 'filtered' }, params: IdParams, response: { 200: DisplayLink } }),
  /** no session: `Authorization: Bearer <token>` of a live link; 401 for none, a wrong, revoked or expired one */
  screen: endpoint({ method: 'GET', path: '/api/screen', tag, access: { roles: 'public', scope: 'none' }, response: { 200: ScreenData } }),
};
