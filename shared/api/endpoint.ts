// One endpoint, declared once: its method and path, the zod schemas of what it takes and what it
// answers, and who may call it (the access rule). The server registers its route from this
// (server/lib/route.ts), the dashboard calls it through it (web/src/shared/api/call.ts), the
// OpenAPI document is read from the registered routes, and the access table is the list of them.
import type { z } from 'zod';
import type { Role } from '../domain/catalogue.js';

/** `public`: no login; `any`: any logged-in user; else the roles allowed. */
export type Roles = 'public' | 'any' | readonly Role[];

/**
 * How a route honours a scoped caller (an office, viewer or technician with an area scope):
 * - `none`: not about units (health, login, one's own account);
 * - `unit` | `event` | `notice` | `user` | `channel`: the path's `:id` names one of these; the
 *   service reads it through the caller's reach (db/queries/reach.ts), so one outside the scope
 *   is no row and answers the unknown id's 404;
 * - `filtered`: a list, report, export, stream or batch whose queries take the caller's reach
 *   (proven route by route by tests/api/scope.matrix.test.ts).
 * Every kind but `none` also refuses (404) an `area` or `parent` query outside the scope.
 */
export const SCOPE_KINDS = ['none', 'unit', 'event', 'notice', 'user', 'channel', 'filtered'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface Access {
  roles: Roles;
  scope: ScopeKind;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What the endpoint answers: `json` (the default) is validated by `response`; `file` is a download
 * (CSV, XLSX) and `stream` server-sent events, neither of which a JSON client calls.
 */
export type Answer = 'json' | 'file' | 'stream';

export interface Endpoint {
  method: Method;
  /** Fastify's form: `/api/units/:id` */
  path: string;
  access: Access;
  /** the OpenAPI tag */
  tag: string;
  summary?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** the JSON answer by status (the first 2xx is what the client returns) */
  response?: Partial<Record<200 | 201 | 202 | 204, z.ZodType>>;
  answer?: Answer;
  /**
   * a body that is not JSON (an import's CSV or workbook): the content types taken, read as a
   * Buffer by the route
   */
  rawBody?: readonly string[];
}

/** Declares an endpoint, keeping its literal types for the server's and the client's inference. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
type InferIn<S> = S extends z.ZodType ? z.input<S> : undefined;

/** The 2xx answer's type. */
export type ResponseOf<E extends Endpoint> = E['response'] extends infer R
  ? R extends { 200: z.ZodType }
    ? z.output<R[200]>
    : R extends { 201: z.ZodType }
      ? z.output<R[201]>
      : R extends { 202: z.ZodType }
        ? z.output<R[202]>
        : void
  : void;

/** What a handler is given, after validation (transforms applied). */
export interface ParsedRequest<E extends Endpoint> {
  params: Infer<E['params']>;
  query: Infer<E['query']>;
  body: E['rawBody'] extends readonly string[] ? Buffer : Infer<E['body']>;
}

/** What a client sends, before validation (as typed into a form or a URL). */
export type CallInput<E extends Endpoint> = (E['params'] extends z.ZodType ? { params: InferIn<E['params']> } : { params?: undefined }) &
  (E['query'] extends z.ZodType ? { query?: InferIn<E['query']> } : { query?: undefined }) &
  (E['body'] extends z.ZodType ? { body: InferIn<E['body']> } : { body?: unknown });

/** `GET /api/units/:id`: the access table's key. */
export const endpointKey = (e: Pick<Endpoint, 'method' | 'path'>) => `${e.method} ${e.path}`;

/** The path with its `:name` parameters filled (each one URI-encoded). */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${path}: the parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}
