import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { MAX_MESSAGE_BYTES } from '@quorum/protocol';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Deps } from '../../deps';
import { CLOSE_CODES } from '../../ports/agent-channel';
import {
  authenticateConnect,
  createConnectionContext,
  handleDisconnect,
  handleMessage,
  type ConnectionContext,
  type GatewayLimits,
} from '../../gateway/index';
import type { LocalAgentChannel } from './local-agent-channel';
import { errorSummary } from '../../jobs/error-summary';

export const AGENT_CONNECT_PATH = '/api/v1/agents/connect';

export interface AgentSocketServer {
  /** Refuses new agents, closes every agent socket with 1001 and waits until their handling ends. */
  close(): Promise<void>;
}

/**
 * The agents' WebSocket endpoint on the HTTP server's port: the upgrade is authenticated before
 * any WebSocket exists (a refused agent gets a plain HTTP 401 and the socket is destroyed), then
 * each message goes to the gateway. A message over 128 KB closes that connection with 1009 and a
 * reason; `ws` refuses anything beyond TRANSPORT_LIMIT_BYTES itself, before buffering it whole.
 */
export function attachAgentSocketServer(
  server: Server,
  opts: { deps: Deps; channel: LocalAgentChannel; limits?: Partial<GatewayLimits> },
): AgentSocketServer {
  const { deps, channel } = opts;
  const wss = new WebSocketServer({ noServer: true, maxPayload: TRANSPORT_LIMIT_BYTES, perMessageDeflate: false });
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  let accepting = true;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {}); // a peer that resets mid-handshake is not our error
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== AGENT_CONNECT_PATH) {
      return refuseUpgrade(socket, 404, { code: 'not_found', message: 'no WebSocket endpoint here' });
    }
    if (!accepting) return refuseUpgrade(socket, 503, { code: 'unavailable', message: 'server restarting' });
    const connectionId = `lc_${randomUUID()}`;
    const attempt = authenticateConnect(deps, { authorizationHeader: req.headers.authorization, connectionId }).then(
      (result) => {
        if (!result.ok) {
          return refuseUpgrade(socket, result.httpStatus, { code: 'unauthenticated', reason: result.reason, message: result.message }, result.closeCode);
        }
        const ctx = createConnectionContext({ ...result, now: deps.clock.now(), ...(opts.limits ? { limits: opts.limits } : {}) });
        if (socket.destroyed || !accepting) {
          socket.destroy();
          track(handleDisconnect(deps, ctx).catch((error) => deps.log.error('recording a disconnect failed', { error: errorSummary(error) })));
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => serve(ws, ctx));
      },
      (error: unknown) => {
        deps.log.error('agent connect failed', { connectionId, error: errorSummary(error) });
        refuseUpgrade(socket, 500, { code: 'internal', message: 'internal error' });
      },
    );
    track(attempt);
  };

  const serve = (ws: WebSocket, ctx: ConnectionContext) => {
    channel.add(ctx.connectionId, ws);
    ws.on('message', (data) => {
      const bytes = byteLength(data);
      if (bytes > MAX_MESSAGE_BYTES) {
        // The agent must learn why (it logs the reason): ws's own limit would close without one.
        ws.close(CLOSE_CODES.tooLarge, `message of ${bytes} bytes is larger than ${MAX_MESSAGE_BYTES}`);
        return;
      }
      track(handleMessage(deps, ctx, text(data)).catch((error) => deps.log.error('agent message handling failed', { connectionId: ctx.connectionId, error: errorSummary(error) })));
    });
    ws.on('error', (error) => deps.log.debug('agent socket error', { connectionId: ctx.connectionId, error: errorSummary(error) }));
    ws.once('close', (code) => {
      channel.remove(ctx.connectionId);
      deps.log.debug('agent socket closed', { connectionId: ctx.connectionId, code });
      track(handleDisconnect(deps, ctx).catch((error) => deps.log.error('recording a disconnect failed', { connectionId: ctx.connectionId, error: errorSummary(error) })));
    });
  };

  server.on('upgrade', onUpgrade);
  return {
    async close() {
      accepting = false;
      await channel.closeAll(1001, 'server restarting');
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      server.off('upgrade', onUpgrade);
      wss.close();
    },
  };
}

/** Above this `ws` closes the connection itself (1009, no reason) without buffering the message. */
const TRANSPORT_LIMIT_BYTES = 4 * MAX_MESSAGE_BYTES;

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, chunk) => n + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function text(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Answers an upgrade with a plain HTTP error (no WebSocket is ever opened) and drops the socket. */
function refuseUpgrade(socket: Duplex, status: number, error: Record<string, unknown>, closeCode?: number): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error });
  const reason = typeof error.reason === 'string' ? error.reason : undefined;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...(reason ? [`X-Quorum-Reject-Reason: ${reason}`] : []),
    ...(closeCode ? [`X-Quorum-Close-Code: ${closeCode}`] : []),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };
