/**
 * A small HTTP client for the control plane's API over the network (not `app.request`): the
 * end-to-end tests, the demo and the benchmarks use it exactly like an operator's script would.
 * One session cookie, JSON in and out, errors thrown with the API's `{error: {code, message}}`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

export class ApiClient {
  private cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    // The API refuses cookie-authenticated writes that are not JSON (its CSRF defence).
    if (method !== 'GET') headers['content-type'] = 'application/json';
    const res = await fetch(new URL(`/api/v1${path}`, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const setCookie = res.headers.get('set-cookie');
    const session = setCookie && /((?:__Host-)?quorum_session=[^;]+)/.exec(setCookie)?.[1];
    if (session) this.cookie = session;
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  get<T = any>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async login(opts: { email: string; password: string }): Promise<{ orgId: string; userId: string }> {
    const me = await this.post('/auth/login', opts);
    return { orgId: me.activeOrganization.id, userId: me.user.id };
  }

  async signup(opts: { email: string; password: string; organization: string }): Promise<{ orgId: string; userId: string }> {
    const me = await this.post('/auth/signup', opts);
    return { orgId: me.activeOrganization.id, userId: me.user.id };
  }
}
