import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  agentMessageSchema,
  encodeMessage,
  generateEd25519KeyPair,
  importPublicKey,
  MAX_MESSAGE_BYTES,
  parseConnectCredential,
  parseMessage,
  verifyConnectCredential,
  type Batch,
  type CloudMessage,
  type CommandUpdate,
  type EnrollResponse,
  type Hello,
  type Welcome,
} from '@quorum/protocol';

/**
 * The cloud side of the agent contract, for tests: enroll and health over HTTP, and the agent
 * WebSocket with real credential verification (protocol's `verifyConnectCredential`), hello →
 * welcome, heartbeat → heartbeat-ack, batch → ack (deduped by id).
 */
export interface FakeCloudOptions {
  port?: number;
  /** Enrollment tokens that are accepted (others get 400 invalid_token). */
  tokens?: string[];
  /** Agents known up front: agentId → base64 SPKI public key. */
  agents?: Record<string, string>;
  orgId?: string;
  answerHeartbeats?: boolean;
  /** Close each connection right after hello with this code (e.g. 4401 revoked). */
  closeOnHello?: { code: number; reason: string };
  /** Answer batches for which this is true with `error invalid_message` instead of an ack. */
  rejectBatch?: (batch: Batch) => boolean;
  /** Called when a hello arrives, just before welcome is sent (it may send messages before welcome). */
  onHello?: (send: (text: string) => void) => void;
  /** welcome.inventory: the cloud's ids for the agent's clusters and nodes. */
  inventory?: Welcome['inventory'];
  /** Added to the health endpoint's serverTime (clock skew tests). */
  skewMs?: number;
}

export class FakeCloud {
  readonly opts: FakeCloudOptions;
  readonly agents = new Map<string, string>();
  readonly signingKey = generateEd25519KeyPair();
  /** Every batch id received, with how many times. */
  readonly received = new Map<string, number>();
  readonly batches: Batch[] = [];
  /** When each stored batch arrived (same order as `batches`). */
  readonly arrivals: number[] = [];
  readonly hellos: Hello[] = [];
  /** Text messages received, by serialized size. */
  readonly messageSizes: number[] = [];
  heartbeats = 0;
  connections = 0;
  credentialRejections = 0;
  readonly sockets = new Set<WebSocket>();
  #server: Server;
  #wss: WebSocketServer;
  #lastAcceptedTs = new Map<string, number>();
  /** Sockets that got a welcome. */
  #ready = new Set<WebSocket>();

  private constructor(opts: FakeCloudOptions, server: Server) {
    this.opts = opts;
    this.#server = server;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
    for (const [id, key] of Object.entries(opts.agents ?? {})) this.agents.set(id, key);
    server.on('request', (req, res) => void this.#http(req, res));
    server.on('upgrade', (req, socket, head) => {
      const verdict = this.#authenticate(req);
      if (!verdict) {
        this.credentialRejections += 1;
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#session(ws, verdict));
    });
  }

  static async start(opts: FakeCloudOptions = {}): Promise<FakeCloud> {
    const server = createServer();
    const cloud = new FakeCloud(opts, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    return cloud;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }
  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get websocketUrl(): string {
    return `ws://127.0.0.1:${this.port}/agent`;
  }

  /** Distinct batch ids stored. */
  get stored(): number {
    return this.received.size;
  }

  /** Stops listening and cuts every connection (as a crashed cloud would). */
  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.#wss.close();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
  }

  /** Every command update stored, in arrival order (a re-sent outcome appears again). */
  get commandUpdates(): CommandUpdate[] {
    return this.batches.flatMap((b) => b.commands);
  }

  /** Updates of one command, in arrival order. */
  updatesOf(commandId: string): CommandUpdate[] {
    return this.commandUpdates.filter((u) => u.commandId === commandId);
  }

  /** Sends a message (a signed command, or anything a test wants) to every agent that said hello. */
  send(message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    for (const ws of this.#ready) ws.send(text);
  }

  async waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  #authenticate(req: IncomingMessage): { agentId: string } | undefined {
    const credential = parseConnectCredential(req.headers.authorization);
    if (!credential) return undefined;
    const agent = this.agents.get(credential.agentId);
    if (!agent) return undefined;
    const verdict = verifyConnectCredential({
      credential,
      publicKey: importPublicKey(agent),
      now: Date.now(),
      lastAcceptedTs: this.#lastAcceptedTs.get(credential.agentId) ?? 0,
    });
    if (!verdict.ok) return undefined;
    this.#lastAcceptedTs.set(credential.agentId, credential.ts);
    return { agentId: credential.agentId };
  }

  #session(ws: WebSocket, who: { agentId: string }): void {
    this.connections += 1;
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.#ready.delete(ws);
    });
    let hello = false;
    const send = (m: CloudMessage) => ws.send(encodeMessage(m));
    ws.on('message', (data, isBinary) => {
      const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');
      this.messageSizes.push(Buffer.byteLength(text));
      if (isBinary) return;
      const parsed = parseMessage(text, agentMessageSchema);
      if (!parsed.ok) {
        send({ type: 'error', code: parsed.code, message: parsed.message, ...(parsed.batchId ? { batchId: parsed.batchId } : {}) });
        return;
      }
      const msg = parsed.message;
      if (msg.type === 'hello') {
        hello = true;
        this.hellos.push(msg);
        if (this.opts.closeOnHello) {
          ws.close(this.opts.closeOnHello.code, this.opts.closeOnHello.reason);
          return;
        }
        this.opts.onHello?.((text) => ws.send(text));
        send({
          type: 'welcome',
          agentId: who.agentId,
          orgId: this.opts.orgId ?? 'org-test',
          serverTime: Date.now(),
          ...(this.opts.inventory ? { inventory: this.opts.inventory } : {}),
        });
        this.#ready.add(ws);
        return;
      }
      if (!hello) {
        send({ type: 'error', code: 'hello_required', message: 'say hello first' });
        return;
      }
      if (msg.type === 'heartbeat') {
        this.heartbeats += 1;
        if (this.opts.answerHeartbeats !== false) send({ type: 'heartbeat-ack', sentAt: msg.sentAt, serverTime: Date.now() });
        return;
      }
      const seen = this.received.get(msg.batchId) ?? 0;
      this.received.set(msg.batchId, seen + 1);
      if (this.opts.rejectBatch?.(msg)) {
        send({ type: 'error', code: 'invalid_message', message: 'rejected by test', batchId: msg.batchId });
        return;
      }
      if (seen === 0) {
        this.batches.push(msg);
        this.arrivals.push(Date.now());
      }
      send({ type: 'ack', batchId: msg.batchId, duplicate: seen > 0 });
    });
  }

  async #http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/api/v1/health') {
      json(200, { status: 'ok', serverTime: Date.now() + (this.opts.skewMs ?? 0) });
      return;
    }
    if (req.method === 'POST' && req.url === '/api/v1/agents/enroll') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token?: string; publicKey?: string };
      if (!body.token || !(this.opts.tokens ?? []).includes(body.token)) {
        json(400, { error: { code: 'invalid_token', message: 'The enrollment token is invalid, expired or used up.' } });
        return;
      }
      const agentId = `agt_${this.agents.size + 1}`;
      this.agents.set(agentId, body.publicKey!);
      const response: EnrollResponse = {
        agentId,
        orgId: this.opts.orgId ?? 'org-test',
        websocketUrl: this.websocketUrl,
        signingKeys: [{ keyId: 'test-key-1', algorithm: 'ed25519', publicKey: this.signingKey.publicKey }],
      };
      json(201, response);
      return;
    }
    json(404, { error: { code: 'not_found', message: 'no such route' } });
  }
}
