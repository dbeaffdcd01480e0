// The steps (docs/contract/api.md "Steps"): recorded on a unit, read as a unit's history or as the feed, voided
// by the office. Which step types each role may record is the stage machine's table
// (shared/domain/steps.ts).
import { IdParams, PageQuery } from '../schemas/common.js';
import { EventsQuery, StepInput, StepList, StepResponse, VoidBody } from '../schemas/steps.js';
import { endpoint } from './endpoint.js';
import { everyone, office, overseers } from './roles.js';

const tag = 'steps';

export const stepsApi = {
  /** 201 for a new step, 200 for a retry of one already recorded (the same clientEventId) */
  record: endpoint({
    method: 'POST',
    path: '/api/units/:id/events',
    tag,
    access: { roles: ['office', 'technician', 'unit'], scope: 'unit' },
    params: IdParams,
    body: StepInput,
    response: { 201: StepResponse, 200: StepResponse },
  }),
  /** a unit's contact reads its own unit's steps only (another's is a 403) */
  list: endpoint({ method: 'GET', path: '/api/units/:id/events', tag, access: { roles: everyone, scope: 'unit' }, params: IdParams, query: PageQuery, response: { 200: StepList } }),
  void: endpoint({ method: 'POST', path: '/api/events/:id/void', tag, access: { roles: office, scope: 'event' }, params: IdParams, body: VoidBody, response: { 200: StepResponse } }),
  feed: endpoint({ method: 'GET', path: '/api/events', tag, access: { roles: overseers, scope: 'filtered' }, query: EventsQuery, response: { 200: StepList } }),
};
