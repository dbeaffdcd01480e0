// Registers a route from its declaration in shared/api: the method, path, schemas and access rule
// come from there, so the server, the dashboard's client and the OpenAPI document cannot drift.
// The handler is plain HTTP: take the parsed request, call the service, shape the answer.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Endpoint, ParsedRequest, ResponseOf } from '../../shared/api/endpoint.js';

export type Handler<E extends Endpoint> = (
  req: FastifyRequest & ParsedRequest<E>,
  reply: FastifyReply,
) => Promise<ResponseOf<E> | FastifyReply | void> | ResponseOf<E> | FastifyReply | void;

/** Route options beyond the declaration (a larger body limit for an import). */
export type Extra = Pick<RouteShorthandOptions, 'bodyLimit'>;

export function route<E extends Endpoint>(app: FastifyInstance, e: E, handler: Handler<E>, extra: Extra = {}): void {
  const produces = e.answer === 'stream' ? ['text/event-stream'] : undefined;
  app.route({
    method: e.method,
    url: e.path,
    ...extra,
    schema: {
      tags: [e.tag],
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body ? { body: e.body } : {}),
      ...(e.response ? { response: e.response } : {}),
      ...(produces ? { produces } : {}),
    },
    // the schemas above validated the request, so its parts have the declared types
    handler: handler as unknown as (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  });
}
