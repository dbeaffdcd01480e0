// Urging notices (催办): issued by an office to one laggard or to the board's selection, answered by
// the unit's own contact, withdrawn by the office. A unit's contact sees and answers its own
// unit's notices only; anyone else those of the units inside its scope.
import { IdParams } from '../schemas/common.js';
import { AnswerNotice, AreaCodeParams, BatchAnswer, BatchQuery, IssueBatch, IssueNotice, NoticeList, NoticeListQuery, NoticeResponse, WithdrawNotice } from '../schemas/notices.js';
import { endpoint } from './endpoint.js';
import { office } from './roles.js';

const tag = 'notices';
const noticeReaders = ['office', 'viewer', 'unit'] as const;

export const noticesApi = {
  issue: endpoint({
    method: 'POST',
    path: '/api/units/:id/notices',
    tag,
    access: { roles: office, scope: 'unit' },
    params: IdParams,
    body: IssueNotice,
    response: { 201: NoticeResponse },
  }),
  /** 督办: an office urges an area strictly inside its scope (a city its counties) */
  issueToArea: endpoint({
    method: 'POST',
    path: '/api/areas/:code/notices',
    tag,
    access: { roles: office, scope: 'filtered' },
    params: AreaCodeParams,
    body: IssueNotice,
    response: { 201: NoticeResponse },
  }),
  /** 201 with the notices issued; with `dryRun`, 200 with the count only */
  batch: endpoint({
    method: 'POST',
    path: '/api/notices/batch',
    tag,
    access: { roles: office, scope: 'filtered' },
    query: BatchQuery,
    body: IssueBatch,
    response: { 200: BatchAnswer, 201: BatchAnswer },
  }),
  list: endpoint({ method: 'GET', path: '/api/notices', tag, access: { roles: noticeReaders, scope: 'filtered' }, query: NoticeListQuery, response: { 200: NoticeList } }),
  get: endpoint({ method: 'GET', path: '/api/notices/:id', tag, access: { roles: noticeReaders, scope: 'notice' }, params: IdParams, response: { 200: NoticeResponse } }),
  answer: endpoint({
    method: 'POST',
    path: '/api/notices/:id/answer',
    tag,
    // a unit's notice: its own contact; a 督办: the urged area's own office
    access: { roles: ['unit', 'office'], scope: 'notice' },
    params: IdParams,
    body: AnswerNotice,
    response: { 200: NoticeResponse },
  }),
  withdraw: endpoint({
    method: 'POST',
    path: '/api/notices/:id/withdraw',
    tag,
    access: { roles: office, scope: 'notice' },
    params: IdParams,
    body: WithdrawNotice,
    response: { 200: NoticeResponse },
  }),
};
