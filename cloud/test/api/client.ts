import { generateEd25519KeyPair } from '@quorum/protocol';
import type { TestApp } from './support';

/**
 * A tiny client over `app.request()`: JSON in and out, a cookie jar of one session, a bearer
 * token, and a fake client IP (what @hono/node-server would put on `c.env`).
 */
export interface CallOptions {
  body?: unknown;
  /** Raw body text (for malformed JSON); sent as-is. */
  rawBody?: string;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
  ip?: string;
}

export interface CallResult {
  status: number;
  body: any;
  headers: Headers;
}

export async function call(t: Pick<TestApp, 'app'>, method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined || opts.rawBody !== undefined || (opts.cookie && method !== 'GET')) {
    headers['content-type'] ??= 'application/json';
  }
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const env = { incoming: { socket: { remoteAddress: opts.ip ?? '192.0.2.1' } } };
  const res = await t.app.request(path, { method, headers, body }, env);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text so the assertion shows it */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** `name=value` of the session cookie a response set, for the next request's Cookie header. */
export function sessionCookieOf(res: CallResult): string {
  const set = res.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)((?:__Host-)?quorum_session=[^;]+)/.exec(set);
  if (!match?.[1]) throw new Error(`no session cookie in: ${set}`);
  return match[1];
}

let counter = 0;
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export const PASSWORD = 'correct horse battery staple';

export interface Owner {
  cookie: string;
  email: string;
  userId: string;
  orgId: string;
}

export async function signup(t: Pick<TestApp, 'app'>, organization = 'Acme', email = uniqueEmail('owner')): Promise<Owner> {
  const res = await call(t, 'POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, organization } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { cookie: sessionCookieOf(res), email, userId: res.body.user.id, orgId: res.body.activeOrganization.id };
}

export async function createApiToken(t: Pick<TestApp, 'app'>, cookie: string, role = 'admin'): Promise<{ id: string; token: string }> {
  const res = await call(t, 'POST', '/api/v1/api-tokens', { cookie, body: { name: `t-${role}`, role } });
  if (res.status !== 201) throw new Error(`api token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: res.body.token };
}

export async function createEnrollmentToken(
  t: Pick<TestApp, 'app'>,
  cookie: string,
  body: { maxUses?: number; expiresInMinutes?: number } = {},
): Promise<{ id: string; token: string }> {
  const res = await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie, body });
  if (res.status !== 201) throw new Error(`enrollment token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: res.body.token };
}

export function enrollBody(token: string, hostname = 'db-host-1') {
  const keys = generateEd25519KeyPair();
  return { token, publicKey: keys.publicKey, hostname, version: '0.1.0' };
}

export async function enrollAgent(t: Pick<TestApp, 'app'>, cookie: string, hostname = 'db-host-1'): Promise<{ agentId: string; orgId: string }> {
  const { token } = await createEnrollmentToken(t, cookie);
  const res = await call(t, 'POST', '/api/v1/agents/enroll', { body: enrollBody(token, hostname) });
  if (res.status !== 201) throw new Error(`enroll failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agentId: res.body.agentId, orgId: res.body.orgId };
}
