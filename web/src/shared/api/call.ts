// The dashboard's typed client: an endpoint declared in shared/api is called with its params,
// query and body, and answers the declared response's type. In development and in tests the
// answer is checked against the declared schema too, so a reply that drifts from the contract
// (or a test's stub that does) fails where it arrives instead of somewhere in a component.
import type { z } from 'zod';
import { fillPath, type Endpoint, type ResponseOf } from '../../../../shared/api/endpoint.js';
import { request, toQuery, type RequestOptions } from './http.js';

type Scalar = string | number | boolean | null | undefined;
/** A query's keys as declared; values as a form holds them (numbers and booleans are written out). */
type QueryInput<Q> = Q extends z.ZodType ? { [K in keyof z.input<Q>]?: Scalar } : never;

export type CallInput<E extends Endpoint> = (E['params'] extends z.ZodType ? { params: z.input<E['params']> } : { params?: never }) &
  (E['query'] extends z.ZodType ? { query?: QueryInput<E['query']> } : { query?: never }) &
  (E['rawBody'] extends readonly string[]
    ? { file: Blob | ArrayBuffer | string; contentType: E['rawBody'][number] | string }
    : E['body'] extends z.ZodType
      ? { body: z.input<E['body']> }
      : { body?: never }) & { signal?: AbortSignal; /** a display link's token (GET /api/screen): sent as a header, never in the address */ bearer?: string };

type Args<E extends Endpoint> = object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

const CHECKED = import.meta.env.DEV || import.meta.env.MODE === 'test';

/** The URL the endpoint is called at, with its path parameters and query filled in. */
export function urlOf<E extends Endpoint>(e: E, input: Pick<CallInput<E>, 'params' | 'query'> = {} as never): string {
  return fillPath(e.path, input.params as Record<string, unknown> | undefined) + toQuery((input.query ?? {}) as Record<string, Scalar>);
}

export async function call<E extends Endpoint>(e: E, ...[input]: Args<E>): Promise<ResponseOf<E>> {
  const given = (input ?? {}) as { params?: unknown; query?: unknown; body?: unknown; file?: Blob | ArrayBuffer | string; contentType?: string; signal?: AbortSignal; bearer?: string };
  const options: RequestOptions = { method: e.method, signal: given.signal, bearer: given.bearer };
  if (given.file !== undefined) Object.assign(options, { body: given.file, contentType: given.contentType });
  else if (given.body !== undefined) options.json = given.body;
  else if (e.method !== 'GET' && e.body) options.json = {};
  const answer = await request<unknown>(urlOf(e, given as never), options);
  if (CHECKED) check(e, answer);
  return answer as ResponseOf<E>;
}

function check(e: Endpoint, answer: unknown): void {
  const schema = e.response?.[200] ?? e.response?.[201] ?? e.response?.[202];
  if (!schema) return;
  const result = schema.safeParse(answer);
  if (!result.success) {
    const message = `${e.method} ${e.path} answered outside its declared response: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    // the page shows an unknown error; the console says which field drifted
    console.error(message);
    throw new Error(message);
  }
}
