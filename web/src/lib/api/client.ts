import type { paths } from './schema';

/**
 * The portal's typed API client. Paths, parameters, bodies and answers come from `schema.d.ts`,
 * generated from the API's OpenAPI document, so a route that changes shape breaks the type-check
 * here rather than a page at 3 a.m.
 *
 * @example
 * const cluster = await api.get('/clusters/{id}', { path: { id } });
 * await api.post('/agents/{id}/revoke', { path: { id } });
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Full = keyof paths;
type Short<P> = P extends `/api/v1${infer R}` ? R : never;
type Op<P extends Full, M extends Method> = paths[P][M];
/** The API paths (without `/api/v1`) that have method M. */
export type PathsFor<M extends Method> = { [P in Full]: Op<P, M> extends { responses: unknown } ? Short<P> : never }[Full];
type FullOf<S extends string> = `/api/v1${S}` & Full;

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
type Success<O> = O extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : R extends { 204: unknown } ? null : never
  : never;
type PathParams<O> = O extends { parameters: { path: infer P } } ? { path: P } : object;
type QueryParams<O> = O extends { parameters: { query: infer Q } }
  ? { query: Q }
  : O extends { parameters: { query?: infer Q } }
    ? [NonNullable<Q>] extends [never] ? object : { query?: Q }
    : object;
type Body<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: infer RB }
    ? [NonNullable<RB>] extends [never] ? object : NonNullable<RB> extends { content: { 'application/json': infer B } } ? { body?: B } : object
    : object;

export type Options<O> = PathParams<O> & QueryParams<O> & Body<O> & { signal?: AbortSignal };
export type Response<S extends string, M extends Method> = Success<Op<FullOf<S>, M>>;

/** An answer from the API that was not a success, with its `{error: {code, message}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    /** The error's `details` (e.g. a 409 `precondition_failed`'s `{refusal: {code, message, evidence}}`). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when a request comes back 401 (the session ended): the app sends the user to log in. */
let onUnauthenticated: (() => void) | undefined;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Substitutes `{name}` path parameters and appends the query string. */
export function buildUrl(path: string, params: { path?: Record<string, string>; query?: Record<string, unknown> }): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params.path?.[name];
    if (value === undefined) throw new Error(`api: missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params.query ?? {})) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  const qs = query.toString();
  return `/api/v1${filled}${qs ? `?${qs}` : ''}`;
}

async function call(method: Method, path: string, opts: { path?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; signal?: AbortSignal } = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // The API's CSRF rule: a cookie-authenticated write must be JSON, also when it has no body.
  if (method !== 'get') headers['content-type'] = 'application/json';
  let res: globalThis.Response;
  try {
    res = await fetch(buildUrl(path, opts), {
      method: method.toUpperCase(),
      headers,
      credentials: 'same-origin',
      body: method === 'get' ? undefined : JSON.stringify(opts.body ?? {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The control plane cannot be reached. Check your connection; retrying.');
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const err = (parsed as { error?: { code?: string; message?: string; requestId?: string; details?: unknown } } | null)?.error;
    if (res.status === 401) onUnauthenticated?.();
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `The API answered ${res.status}.`, err?.requestId, err?.details);
  }
  return parsed;
}

export const api = {
  get<S extends PathsFor<'get'>>(path: S, ...opts: {} extends Options<Op<FullOf<S>, 'get'>> ? [Options<Op<FullOf<S>, 'get'>>?] : [Options<Op<FullOf<S>, 'get'>>]) {
    return call('get', path, opts[0] as never) as Promise<Response<S, 'get'>>;
  },
  post<S extends PathsFor<'post'>>(path: S, ...opts: {} extends Options<Op<FullOf<S>, 'post'>> ? [Options<Op<FullOf<S>, 'post'>>?] : [Options<Op<FullOf<S>, 'post'>>]) {
    return call('post', path, opts[0] as never) as Promise<Response<S, 'post'>>;
  },
  put<S extends PathsFor<'put'>>(path: S, ...opts: {} extends Options<Op<FullOf<S>, 'put'>> ? [Options<Op<FullOf<S>, 'put'>>?] : [Options<Op<FullOf<S>, 'put'>>]) {
    return call('put', path, opts[0] as never) as Promise<Response<S, 'put'>>;
  },
  patch<S extends PathsFor<'patch'>>(path: S, ...opts: {} extends Options<Op<FullOf<S>, 'patch'>> ? [Options<Op<FullOf<S>, 'patch'>>?] : [Options<Op<FullOf<S>, 'patch'>>]) {
    return call('patch', path, opts[0] as never) as Promise<Response<S, 'patch'>>;
  },
  delete<S extends PathsFor<'delete'>>(path: S, ...opts: {} extends Options<Op<FullOf<S>, 'delete'>> ? [Options<Op<FullOf<S>, 'delete'>>?] : [Options<Op<FullOf<S>, 'delete'>>]) {
    return call('delete', path, opts[0] as never) as Promise<Response<S, 'delete'>>;
  },
};
