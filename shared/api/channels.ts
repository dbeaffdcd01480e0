// The group robots (WeChat Work, DingTalk) that hear the daily digest and the alerts: their
// addresses are secrets, so the office alone sees even their list, and only the channels whose
// scope lies inside its own.
import { IdParams } from '../schemas/common.js';
import { ChannelList, ChannelResponse, CreateChannel, DeliveriesQuery, DigestPreview, DigestPreviewQuery, DeliveryList, DeliveryResponse, UpdateChannel } from '../schemas/notify.js';
import { endpoint } from './endpoint.js';
import { office } from './roles.js';

const tag = 'notifications';

export const channelsApi = {
  create: endpoint({ method: 'POST', path: '/api/channels', tag, access: { roles: office, scope: 'filtered' }, body: CreateChannel, response: { 201: ChannelResponse } }),
  list: endpoint({ method: 'GET', path: '/api/channels', tag, access: { roles: office, scope: 'filtered' }, response: { 200: ChannelList } }),
  /** the daily digest as a channel of that kind would get it now: seen before the channel is saved */
  preview: endpoint({ method: 'GET', path: '/api/channels/preview', tag, access: { roles: office, scope: 'filtered' }, query: DigestPreviewQuery, response: { 200: DigestPreview } }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/channels/:id',
    tag,
    access: { roles: office, scope: 'channel' },
    params: IdParams,
    body: UpdateChannel,
    response: { 200: ChannelResponse },
  }),
  /** a channel is disabled, never deleted: its delivery log stays */
  disable: endpoint({ method: 'DELETE', path: '/api/channels/:id', tag, access: { roles: office, scope: 'channel' }, params: IdParams, response: { 200: ChannelResponse } }),
  test: endpoint({ method: 'POST', path: '/api/channels/:id/test', tag, access: { roles: office, scope: 'channel' }, params: IdParams, response: { 200: DeliveryResponse } }),
  deliveries: endpoint({
    method: 'GET',
    path: '/api/channels/:id/deliveries',
    tag,
    access: { roles: office, scope: 'channel' },
    params: IdParams,
    query: DeliveriesQuery,
    response: { 200: DeliveryList },
  }),
};
