import { createCipheriv, createDecipheriv, createHash, generateKeyPairSync, randomBytes, sign as nodeSign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stand-ins for the two AWS services that cannot run here, speaking their real wire protocols on
 * 127.0.0.1 so the real SDK clients talk to them: the API Gateway Management API (REST-JSON,
 * `/{stage}/@connections/{id}`) and KMS (JSON 1.1, `X-Amz-Target: TrentService.*`). They are fakes
 * only at the network edge: the adapters, the SDK, its serialization and error mapping are real.
 */
async function listen(handler: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export interface ManagementApiCall {
  method: 'POST' | 'DELETE' | 'GET';
  connectionId: string;
  /** What was posted, as text. */
  data?: string;
  /** 200/204, or 410 when the connection was gone. */
  status: number;
}

/** A local API Gateway Management API: connections it knows are open; others are gone (410). */
export interface FakeManagementApi {
  /** `https://{api}.execute-api…/{stage}` equivalent: pass as WEBSOCKET_MANAGEMENT_ENDPOINT. */
  endpoint: string;
  calls: ManagementApiCall[];
  open(connectionId: string): void;
  isOpen(connectionId: string): boolean;
  /** Messages posted to a connection, parsed. */
  received(connectionId: string): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startFakeManagementApi(stage = 'prod'): Promise<FakeManagementApi> {
  const open = new Set<string>();
  const calls: ManagementApiCall[] = [];
  const { server, url } = await listen((req, body, res) => {
    const match = new RegExp(`^/${stage}/@connections/([^/?]+)$`).exec(req.url ?? '');
    const method = req.method as ManagementApiCall['method'];
    if (!match || !['POST', 'DELETE', 'GET'].includes(method)) return json(res, 404, { message: 'Not Found' });
    const connectionId = decodeURIComponent(match[1] as string);
    const status = !open.has(connectionId) ? 410 : method === 'DELETE' ? 204 : 200;
    calls.push({ method, connectionId, status, ...(method === 'POST' ? { data: body.toString('utf8') } : {}) });
    if (status === 410) return json(res, 410, { message: null }, { 'x-amzn-errortype': 'GoneException' });
    if (method === 'DELETE') {
      open.delete(connectionId);
      res.writeHead(204).end();
      return;
    }
    if (method === 'GET') return json(res, 200, { connectedAt: '2026-11-26T12:00:00Z', lastActiveAt: '2026-11-26T12:00:00Z', identity: { sourceIp: '198.51.100.7' } });
    res.writeHead(200, { 'content-length': '0' }).end();
  });
  return {
    endpoint: `${url}/${stage}`,
    calls,
    open: (id) => void open.add(id),
    isOpen: (id) => open.has(id),
    received: (id) =>
      calls.filter((c) => c.method === 'POST' && c.connectionId === id && c.status === 200).map((c) => JSON.parse(c.data ?? 'null') as Record<string, unknown>),
    stop: () => close(server),
  };
}

/**
 * A local KMS holding ECC_NIST_P256 signing keys (it signs as KMS does: ECDSA over SHA-256, DER)
 * and symmetric keys (Encrypt/Decrypt with an encryption context that must match, as in KMS).
 */
export interface FakeKms {
  endpoint: string;
  /** Creates a key; returns its id (use it, or `alias/...` registered with `alias`). */
  createKey(opts?: { alias?: string; spec?: 'ECC_NIST_P256' | 'RSA_2048' }): { keyId: string; publicKey: KeyObject };
  /** A SYMMETRIC_DEFAULT key for Encrypt/Decrypt. */
  createSymmetricKey(opts?: { alias?: string }): { keyId: string };
  cryptCalls: Array<{ operation: 'Encrypt' | 'Decrypt'; keyId: string; context: Record<string, string> }>;
  signCalls: Array<{ keyId: string; messageType: string; algorithm: string }>;
  stop(): Promise<void>;
}

export async function startFakeKms(): Promise<FakeKms> {
  const keys = new Map<string, { privateKey: KeyObject; publicKey: KeyObject; spec: string }>();
  const signCalls: FakeKms['signCalls'] = [];
  const symmetric = new Map<string, { id: string; material: Buffer }>();
  const cryptCalls: FakeKms['cryptCalls'] = [];
  const { server, url } = await listen((req, body, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    let input: Record<string, string>;
    try {
      input = JSON.parse(body.toString('utf8')) as Record<string, string>;
    } catch {
      return json(res, 400, { __type: 'SerializationException', message: 'bad JSON' });
    }
    if (target === 'TrentService.Encrypt' || target === 'TrentService.Decrypt') return crypt(target, input as unknown as CryptInput, res);
    const key = keys.get(input.KeyId ?? '');
    if (!key) return json(res, 400, { __type: 'NotFoundException', message: `Key '${input.KeyId}' does not exist` });
    const keyId = `arn:aws:kms:us-east-1:000000000000:key/${createHash('sha256').update(input.KeyId ?? '').digest('hex').slice(0, 32)}`;
    if (target === 'TrentService.GetPublicKey') {
      return json(res, 200, {
        KeyId: keyId,
        KeySpec: key.spec,
        KeyUsage: 'SIGN_VERIFY',
        PublicKey: key.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        SigningAlgorithms: key.spec === 'ECC_NIST_P256' ? ['ECDSA_SHA_256'] : ['RSASSA_PSS_SHA_256'],
      });
    }
    if (target === 'TrentService.Sign') {
      signCalls.push({ keyId: input.KeyId as string, messageType: input.MessageType ?? 'RAW', algorithm: input.SigningAlgorithm as string });
      if (input.SigningAlgorithm !== 'ECDSA_SHA_256' || key.spec !== 'ECC_NIST_P256') return json(res, 400, { __type: 'InvalidKeyUsageException', message: 'wrong algorithm' });
      if (input.MessageType !== 'RAW') return json(res, 400, { __type: 'ValidationException', message: 'this fake signs RAW messages only' });
      const message = Buffer.from(input.Message ?? '', 'base64');
      if (message.length > 4096) return json(res, 400, { __type: 'ValidationException', message: 'Message must be at most 4096 bytes' });
      const der = nodeSign('sha256', message, { key: key.privateKey, dsaEncoding: 'der' });
      return json(res, 200, { KeyId: keyId, Signature: der.toString('base64'), SigningAlgorithm: 'ECDSA_SHA_256' });
    }
    return json(res, 400, { __type: 'UnknownOperationException', message: target });
  });
  type CryptInput = { KeyId?: string; Plaintext?: string; CiphertextBlob?: string; EncryptionContext?: Record<string, string> };
  const aad = (context: Record<string, string> = {}) => Buffer.from(JSON.stringify(Object.keys(context).sort().map((k) => [k, context[k]])));
  function crypt(target: string, input: CryptInput, res: ServerResponse) {
    const context = input.EncryptionContext ?? {};
    if (target === 'TrentService.Encrypt') {
      const key = symmetric.get(input.KeyId ?? '');
      if (!key) return json(res, 400, { __type: 'NotFoundException', message: `Key '${input.KeyId}' does not exist` });
      cryptCalls.push({ operation: 'Encrypt', keyId: key.id, context });
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key.material, iv);
      cipher.setAAD(aad(context));
      const ct = Buffer.concat([cipher.update(Buffer.from(input.Plaintext ?? '', 'base64')), cipher.final()]);
      // The blob names its key, as a real KMS ciphertext does.
      const blob = Buffer.from(JSON.stringify({ k: key.id, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') }));
      return json(res, 200, { KeyId: key.id, CiphertextBlob: blob.toString('base64') });
    }
    let parsed: { k: string; iv: string; ct: string; tag: string };
    try {
      parsed = JSON.parse(Buffer.from(input.CiphertextBlob ?? '', 'base64').toString('utf8')) as typeof parsed;
    } catch {
      return json(res, 400, { __type: 'InvalidCiphertextException', message: 'not a ciphertext' });
    }
    const key = symmetric.get(parsed.k);
    const named = input.KeyId ? symmetric.get(input.KeyId) : key;
    if (!key || named?.id !== key.id) return json(res, 400, { __type: 'IncorrectKeyException', message: 'the ciphertext was not encrypted under this key' });
    cryptCalls.push({ operation: 'Decrypt', keyId: key.id, context });
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.material, Buffer.from(parsed.iv, 'base64'));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(parsed.ct, 'base64')), decipher.final()]);
      return json(res, 200, { KeyId: key.id, Plaintext: plain.toString('base64') });
    } catch {
      return json(res, 400, { __type: 'InvalidCiphertextException', message: 'the encryption context does not match' });
    }
  }
  let n = 0;
  return {
    endpoint: url,
    signCalls,
    cryptCalls,
    createSymmetricKey(opts = {}) {
      const id = `arn:aws:kms:us-east-1:000000000000:key/sym-${String(++n).padStart(8, '0')}`;
      const key = { id, material: randomBytes(32) };
      symmetric.set(id, key);
      if (opts.alias) symmetric.set(opts.alias, key);
      return { keyId: id };
    },
    createKey(opts = {}) {
      const spec = opts.spec ?? 'ECC_NIST_P256';
      const pair = spec === 'ECC_NIST_P256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keyId = `1234abcd-0000-4000-8000-${String(++n).padStart(12, '0')}`;
      keys.set(keyId, { ...pair, spec });
      if (opts.alias) keys.set(opts.alias, { ...pair, spec });
      return { keyId, publicKey: pair.publicKey };
    },
    stop: () => close(server),
  };
}
