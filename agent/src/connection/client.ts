import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import {
  cloudMessageSchema,
  createConnectCredential,
  encodeMessage,
  HEARTBEAT_INTERVAL_MS,
  MAX_CLOCK_SKEW_MS,
  MAX_MESSAGE_BYTES,
  parseMessage,
  type Ack,
  type ChannelError,
  type Hello,
  type Welcome,
} from '@quorum/protocol';
import { errorMessage, type Logger } from '../log';
import { createBackoff, type Backoff } from './backoff';
import { sendTextMessage } from './frames';

/** Timing of the connection; defaults follow the protocol and API Gateway's limits. */
export interface ConnectionTuning {
  heartbeatIntervalMs: number;
  /** The connection is dead when nothing at all arrived for this many heartbeat intervals. */
  deadAfterIntervals: number;
  /** `welcome` must arrive this soon after the socket opened. */
  welcomeTimeoutMs: number;
  /** A planned reconnect happens at a random point in [min, max] after opening (API Gateway ends connections at 2 h). */
  plannedReconnectMinMs: number;
  plannedReconnectMaxMs: number;
  /** Before a planned reconnect, wait at most this long for batches in flight to be acked. */
  drainTimeoutMs: number;
  /** A connection that stayed up this long resets the backoff when it ends. */
  stableAfterMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  handshakeTimeoutMs: number;
}

export const DEFAULT_TUNING: ConnectionTuning = {
  heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
  deadAfterIntervals: 2.5,
  welcomeTimeoutMs: 15_000,
  plannedReconnectMinMs: 100 * 60_000,
  plannedReconnectMaxMs: 115 * 60_000,
  drainTimeoutMs: 5_000,
  stableAfterMs: 60_000,
  backoffInitialMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  handshakeTimeoutMs: 10_000,
};

/** Close codes with which the cloud says this agent must not come back as it is. */
const REVOKED_CODES = new Set([4401, 4403]);
/** The cloud closed this connection because a newer one of the same agent replaced it. */
const REPLACED_CODE = 4409;

/** What the channel gets once a connection is ready (welcome received). */
export interface Session {
  readonly id: number;
  /** Sends one serialized message (fragmented if needed); false when the socket is no longer open. */
  send(text: string): boolean;
  /** Bytes handed to the socket and not yet written to the network. */
  buffered(): number;
}

/** The connection's user: the batch channel. Declared here, where it is used. */
export interface SessionHandler {
  ready(session: Session, welcome: Welcome): void;
  message(message: Ack | ChannelError): void;
  down(): void;
  /** Before a planned reconnect: send nothing new. */
  pause(): void;
  /** Nothing awaits an ack. */
  idle(): boolean;
}

/** Where signed commands go (the command service). Declared here, where it is used; must not block. */
export interface CommandReceiver {
  /** A new connection opened: what the last welcome said no longer holds until the next one. */
  reset(): void;
  welcome(welcome: Welcome): void;
  /** A message that says it is a command: parsed JSON, nothing in it verified yet. */
  receive(message: unknown): void;
}

export interface ConnectionOptions {
  websocketUrl: string;
  agentId: string;
  privateKey: KeyObject;
  hello: () => Hello;
  handler: SessionHandler;
  commands?: CommandReceiver;
  log: Logger;
  tuning?: Partial<ConnectionTuning>;
  random?: () => number;
}

export type ConnectionState = 'idle' | 'connecting' | 'handshaking' | 'ready' | 'draining' | 'waiting' | 'stopped';

export interface ConnectionStats {
  state: ConnectionState;
  attempts: number;
  /** Connections that reached `welcome`. */
  sessions: number;
  plannedReconnects: number;
  deadConnections: number;
  credentialRejections: number;
  lastCloseCode: number | undefined;
  lastCloseReason: string | undefined;
  /** The delay chosen before the current/last reconnect attempt. */
  nextDelayMs: number | undefined;
  lastRoundTripMs: number | undefined;
}

/**
 * The outbound WebSocket to the control plane: dials with a fresh signed credential, says hello,
 * waits for welcome, then keeps the connection alive with heartbeats (sent straight to the socket,
 * never behind batches), declares it dead when the cloud goes silent, reconnects before API
 * Gateway's 2-hour limit, and on any failure redials with jittered exponential backoff.
 */
export class AgentConnection {
  readonly #opts: ConnectionOptions;
  readonly #tuning: ConnectionTuning;
  readonly #backoff: Backoff;
  readonly #random: () => number;
  #state: ConnectionState = 'idle';
  /** Set once by stop(); nothing (a late welcome, a close event) may bring the connection back. */
  #stopped = false;
  #ws: WebSocket | undefined;
  #lastTs = 0;
  #sessionId = 0;
  #openedAt = 0;
  #planned = false;
  #revokedLogged = false;
  #credentialLogged = false;
  /** A failed dial is logged once per streak of failures, not on every retry. */
  #dialFailureLogged = false;
  #lastError: string | undefined;
  #timers = new Set<NodeJS.Timeout>();
  #deadTimer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #closed: Promise<void> | undefined;
  readonly #stats: Omit<ConnectionStats, 'state'> = {
    attempts: 0,
    sessions: 0,
    plannedReconnects: 0,
    deadConnections: 0,
    credentialRejections: 0,
    lastCloseCode: undefined,
    lastCloseReason: undefined,
    nextDelayMs: undefined,
    lastRoundTripMs: undefined,
  };

  constructor(options: ConnectionOptions) {
    this.#opts = options;
    this.#tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.#random = options.random ?? Math.random;
    this.#backoff = createBackoff({
      initialMs: this.#tuning.backoffInitialMs,
      maxMs: this.#tuning.backoffMaxMs,
      random: this.#random,
    });
  }

  start(): void {
    if (this.#state !== 'idle') return;
    this.#dial();
  }

  /** Closes the connection cleanly (close code 1000) and stops reconnecting. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#state = 'stopped';
    this.#clearTimers();
    const ws = this.#ws;
    if (!ws) return;
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'agent stopping');
    else ws.terminate();
    const forced = setTimeout(() => ws.terminate(), 2000);
    await this.#closed;
    clearTimeout(forced);
  }

  stats(): ConnectionStats {
    return { state: this.#state, ...this.#stats };
  }

  #dial(): void {
    if (this.#stopped) return;
    this.#state = 'connecting';
    this.#stats.attempts += 1;
    this.#planned = false;
    // The cloud accepts a credential only if its ts is later than the last one it accepted.
    const ts = Math.max(Date.now(), this.#lastTs + 1);
    this.#lastTs = ts;
    const authorization = createConnectCredential({ agentId: this.#opts.agentId, privateKey: this.#opts.privateKey, now: ts });
    const ws = new WebSocket(this.#opts.websocketUrl, {
      headers: { authorization },
      perMessageDeflate: false, // API Gateway does not negotiate it, and frame sizes stay exact
      handshakeTimeout: this.#tuning.handshakeTimeoutMs,
      maxPayload: MAX_MESSAGE_BYTES,
    });
    this.#ws = ws;
    let ready = false;
    let resolveClosed!: () => void;
    this.#closed = new Promise((r) => (resolveClosed = r));

    ws.on('open', () => {
      if (this.#stopped) return;
      this.#openedAt = Date.now();
      this.#state = 'handshaking';
      this.#opts.commands?.reset();
      this.#opts.log.debug('connected, saying hello', { url: this.#opts.websocketUrl });
      this.#watchLiveness(ws, this.#tuning.welcomeTimeoutMs);
      try {
        this.#send(ws, encodeMessage(this.#opts.hello()));
      } catch (e) {
        // Configuration validation keeps the inventory within a message; this is a last resort.
        this.#opts.log.error('cannot send hello', { error: errorMessage(e) });
        ws.close(1011, 'hello failed');
      }
    });

    ws.on('message', (data, isBinary) => {
      if (ws !== this.#ws || this.#stopped) return;
      // Before welcome the welcome deadline stands, whatever else arrives.
      if (ready) this.#deadTimer?.refresh();
      if (isBinary) {
        this.#opts.log.warn('ignored a binary message from the cloud');
        return;
      }
      const text = rawText(data);
      const parsed = parseMessage(text, cloudMessageSchema);
      if (!parsed.ok) {
        const command = this.#opts.commands && claimsToBeCommand(text);
        // A broken command still goes to the command service, which rejects it with a typed reason.
        if (command) this.#opts.commands!.receive(command);
        else this.#opts.log.warn('ignored an invalid message from the cloud', { code: parsed.code, error: parsed.message });
        return;
      }
      const msg = parsed.message;
      switch (msg.type) {
        case 'welcome':
          if (ready) return;
          ready = true;
          this.#onWelcome(ws, msg);
          return;
        case 'heartbeat-ack':
          this.#stats.lastRoundTripMs = Date.now() - msg.sentAt;
          return;
        case 'command':
          // Verified (and, before any welcome, rejected as unknown target) by the command service.
          if (this.#opts.commands) this.#opts.commands.receive(msg);
          else this.#opts.log.warn('ignored a command: this agent runs no commands');
          return;
        case 'ack':
        case 'error':
          if (!ready) {
            this.#opts.log.warn('cloud message before welcome', { type: msg.type, ...(msg.type === 'error' ? { code: msg.code, error: msg.message } : {}) });
            return;
          }
          this.#opts.handler.message(msg);
          return;
      }
    });

    ws.on('error', (err) => {
      const status = /Unexpected server response: (\d+)/.exec(err.message)?.[1];
      if (status === '401' || status === '403') {
        this.#stats.credentialRejections += 1;
        this.#lastError = `credential rejected (HTTP ${status})`;
        if (!this.#credentialLogged) {
          this.#credentialLogged = true;
          this.#opts.log.error(
            'the cloud rejected this agent\'s credential (HTTP ' + status + '); check the clock (skew) and the enrollment, or re-enroll with `quorum-agent enroll --force`',
            { url: this.#opts.websocketUrl },
          );
        }
        return;
      }
      this.#lastError = errorMessage(err);
      this.#opts.log.debug('connection error', { error: this.#lastError });
    });

    ws.on('close', (code, reasonBuf) => {
      const reason = reasonBuf.toString('utf8');
      resolveClosed();
      if (ws !== this.#ws) return;
      this.#clearTimers();
      if (ready) this.#opts.handler.down();
      this.#ws = undefined;
      this.#stats.lastCloseCode = code;
      this.#stats.lastCloseReason = reason;
      if (this.#stopped) return;
      if (ready && Date.now() - this.#openedAt >= this.#tuning.stableAfterMs) this.#backoff.reset();
      if (this.#planned) {
        this.#opts.log.info('planned reconnect');
        this.#dial();
        return;
      }
      if (REVOKED_CODES.has(code)) {
        this.#backoff.exhaust();
        if (!this.#revokedLogged) {
          this.#revokedLogged = true;
          this.#opts.log.error(
            'the cloud closed the connection: this agent is revoked or unknown. Re-enroll it (`quorum-agent enroll --url URL --token TOKEN --force`) and restart; retrying at the slowest rate meanwhile',
            { code, reason },
          );
        }
      } else if (code === REPLACED_CODE) {
        this.#opts.log.warn('the cloud replaced this connection by a newer one of the same agent: is another agent running with this identity.json?', { code, reason });
      } else if (ready) {
        this.#opts.log.warn('connection closed', { code, reason });
      } else if (!this.#dialFailureLogged && !this.#lastError?.startsWith('credential rejected')) {
        this.#dialFailureLogged = true;
        this.#opts.log.warn('cannot connect to the control plane; retrying with backoff (spooling meanwhile)', {
          url: this.#opts.websocketUrl,
          code,
          error: this.#lastError ?? reason,
        });
      }
      this.#lastError = undefined;
      const delay = this.#backoff.next();
      this.#stats.nextDelayMs = delay;
      this.#state = 'waiting';
      this.#opts.log.debug('reconnecting after backoff', { delayMs: delay, attempt: this.#backoff.attempts });
      this.#after(delay, () => this.#dial());
    });
  }

  #onWelcome(ws: WebSocket, welcome: Welcome): void {
    this.#state = 'ready';
    this.#stats.sessions += 1;
    this.#credentialLogged = false;
    this.#revokedLogged = false;
    this.#dialFailureLogged = false;
    const skewMs = welcome.serverTime - Date.now();
    this.#opts.log.info('connected to the control plane', { agentId: welcome.agentId, skewMs });
    if (Math.abs(skewMs) > MAX_CLOCK_SKEW_MS / 2) {
      this.#opts.log.warn('this host\'s clock is far from the control plane\'s; at 60 s connections are refused. Fix NTP.', { skewMs });
    }
    const interval = this.#tuning.heartbeatIntervalMs;
    this.#watchLiveness(ws, interval * this.#tuning.deadAfterIntervals);
    this.#heartbeat = setInterval(() => this.#send(ws, encodeMessage({ type: 'heartbeat', sentAt: Date.now() })), interval);
    const { plannedReconnectMinMs: min, plannedReconnectMaxMs: max } = this.#tuning;
    const lifetime = min + this.#random() * Math.max(0, max - min);
    this.#after(Math.max(0, lifetime - (Date.now() - this.#openedAt)), () => this.#plannedReconnect(ws));
    this.#opts.commands?.welcome(welcome);
    const session: Session = { id: ++this.#sessionId, send: (text) => this.#send(ws, text), buffered: () => ws.bufferedAmount };
    this.#opts.handler.ready(session, welcome);
  }

  /** Stops new batches, waits (bounded) for the acks in flight, then closes and redials at once. */
  #plannedReconnect(ws: WebSocket): void {
    if (ws !== this.#ws || this.#state !== 'ready') return;
    this.#state = 'draining';
    this.#stats.plannedReconnects += 1;
    this.#opts.handler.pause();
    const deadline = Date.now() + this.#tuning.drainTimeoutMs;
    const step = () => {
      if (ws !== this.#ws || this.#state !== 'draining') return;
      if (!this.#opts.handler.idle() && Date.now() < deadline) {
        this.#after(20, step);
        return;
      }
      this.#planned = true;
      ws.close(1000, 'planned reconnect');
      // Do not wait ws's 30 s for a cloud that never answers the close.
      this.#after(this.#tuning.drainTimeoutMs, () => ws.terminate());
    };
    step();
  }

  /** (Re)arms the "no message from the cloud" deadline. */
  #watchLiveness(ws: WebSocket, timeoutMs: number): void {
    if (this.#deadTimer) clearTimeout(this.#deadTimer);
    this.#deadTimer = setTimeout(() => {
      if (ws !== this.#ws) return;
      this.#stats.deadConnections += 1;
      this.#opts.log.warn('no message from the cloud in time; reconnecting', { silentForMs: timeoutMs, state: this.#state });
      ws.terminate();
    }, timeoutMs);
  }

  #send(ws: WebSocket, text: string): boolean {
    if (ws.readyState !== WebSocket.OPEN) return false;
    sendTextMessage(ws, text);
    return true;
  }

  #after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  #clearTimers(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    if (this.#deadTimer) clearTimeout(this.#deadTimer);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#deadTimer = undefined;
    this.#heartbeat = undefined;
  }
}

/** The parsed message if it is a JSON object whose type is "command" (the schema failed on something else). */
function claimsToBeCommand(text: string): unknown {
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'command' ? data : undefined;
  } catch {
    return undefined;
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
