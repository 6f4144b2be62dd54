import type { Deps } from '../../deps';
import { authenticateConnect } from '../../gateway/authenticate-connect';
import { handleDisconnect } from '../../gateway/handle-disconnect';
import { handleMessage } from '../../gateway/handle-message';
import { DEFAULT_GATEWAY_LIMITS, type GatewayLimits } from '../../gateway/limits';
import { restoreConnectionContext } from '../../gateway/restore-connection-context';
import { errorSummary } from '../../jobs/error-summary';
import { deleteConnectionGuard, InvocationGuard, loadConnectionState, RateCounters, saveInvalidMessages } from './connection-state';

/**
 * An API Gateway WebSocket event (a superset of @types/aws-lambda's, which lacks what `$connect`
 * and `$disconnect` carry): `$connect` has the upgrade's headers; `$disconnect` says why the socket
 * closed; messages (`$default`) carry the text in `body`.
 */
export interface WebSocketEvent {
  requestContext: {
    routeKey: string;
    connectionId: string;
    eventType?: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    messageId?: string;
    stage?: string;
    domainName?: string;
    apiId?: string;
    connectedAt?: number;
    requestId?: string;
    disconnectStatusCode?: number;
    disconnectReason?: string;
    [field: string]: unknown;
  };
  headers?: Record<string, string | undefined>;
  multiValueHeaders?: Record<string, string[] | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface WebSocketResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

type WebSocketDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'agentChannel' | 'queue' | 'signer'>;

/**
 * The agent gateway on API Gateway WebSocket: one Lambda for the three routes, switching on
 * `routeKey` (hono does not handle these events).
 *
 * - `$connect`: the `Authorization` header → `authenticateConnect`; a refusal is a 401, which API
 *   Gateway turns into a refused handshake — the agent never gets a socket.
 * - `$default`: each message is its own invocation. The connection's context is rebuilt from the
 *   database (`restoreConnectionContext`), then `handleMessage` answers through the Management API.
 * - `$disconnect`: `handleDisconnect`. API Gateway sends it on a best-effort basis; a connection it
 *   misses is dropped by the offline job once silent.
 */
export function createWebSocketHandler(deps: WebSocketDeps, opts: { limits?: Partial<GatewayLimits> } = {}) {
  const limits: GatewayLimits = { ...DEFAULT_GATEWAY_LIMITS, ...opts.limits };
  const rates = new RateCounters(); // this container's share of each connection's message rate
  return async (event: WebSocketEvent): Promise<WebSocketResult> => {
    const { routeKey, connectionId } = event.requestContext;
    try {
      if (routeKey === '$connect') return await connect(deps, event);
      if (routeKey === '$disconnect') return await disconnect(deps, rates, connectionId, limits);
      return await message(deps, rates, event, limits);
    } catch (error) {
      deps.log.error('agent gateway event failed', { routeKey, connectionId, error: errorSummary(error) });
      return { statusCode: 500, body: JSON.stringify({ error: { code: 'internal', message: 'internal error' } }) };
    }
  };
}

async function connect(deps: WebSocketDeps, event: WebSocketEvent): Promise<WebSocketResult> {
  const result = await authenticateConnect(deps, { authorizationHeader: header(event, 'authorization'), connectionId: event.requestContext.connectionId });
  if (result.ok) return { statusCode: 200 };
  return {
    statusCode: result.httpStatus,
    headers: { 'Content-Type': 'application/json', 'X-Quorum-Reject-Reason': result.reason, 'X-Quorum-Close-Code': String(result.closeCode) },
    body: JSON.stringify({ error: { code: 'unauthenticated', reason: result.reason, message: result.message } }),
  };
}

async function message(deps: WebSocketDeps, rates: RateCounters, event: WebSocketEvent, limits: GatewayLimits): Promise<WebSocketResult> {
  const { connectionId } = event.requestContext;
  const now = deps.clock.now();
  const state = await loadConnectionState(deps.db, connectionId);
  if (!state) {
    // The row is gone (the offline job dropped a silent connection, or $connect never finished).
    deps.log.info('message on an unknown agent connection: closing it', { connectionId });
    await deps.agentChannel.close(connectionId, 1000, 'connection expired: reconnect');
    return { statusCode: 200 };
  }
  const guard = new InvocationGuard({ limits, invalidAt: state.invalidAt, rate: rates.for(connectionId, limits) });
  const ctx = restoreConnectionContext({ row: state, now, limits, guard });
  await handleMessage(deps, ctx, bodyText(event));
  const history = guard.invalidHistory(now);
  if (history && !ctx.closed) await saveInvalidMessages(deps.db, { connectionId, orgId: state.orgId, invalidAt: history, now });
  return { statusCode: 200 };
}

async function disconnect(deps: WebSocketDeps, rates: RateCounters, connectionId: string, limits: GatewayLimits): Promise<WebSocketResult> {
  rates.forget(connectionId);
  const state = await loadConnectionState(deps.db, connectionId);
  if (state) {
    await handleDisconnect(deps, restoreConnectionContext({ row: state, now: deps.clock.now(), limits }));
    await deleteConnectionGuard(deps.db, connectionId);
  }
  return { statusCode: 200 };
}

/** A header of the `$connect` request, by case-insensitive name. */
function header(event: WebSocketEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name) return value;
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) if (key.toLowerCase() === name) return values?.[0];
  return undefined;
}

function bodyText(event: WebSocketEvent): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
