import { randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { MAX_CLOCK_SKEW_MS } from './limits';

/**
 * The agent's connect credential: proof that the party opening the WebSocket holds the private
 * key of an enrolled agent, made fresh for this connection. Sent in the `Authorization` header:
 *
 *   Authorization: QuorumAgent agent=<agentId>, ts=<ms>, nonce=<hex>, sig=<base64url>
 *
 * `sig` is the Ed25519 signature of `quorum-agent-connect/v1\n<agentId>\n<ts>\n<nonce>`. The cloud
 * accepts it only within {@link MAX_CLOCK_SKEW_MS} of its own clock and only if `ts` is later than
 * the last credential it accepted from that agent, so a captured credential cannot be replayed.
 */
export const CONNECT_SCHEME = 'QuorumAgent';

export interface ConnectCredential {
  agentId: string;
  ts: number;
  nonce: string;
  sig: string;
}

function signedBytes(c: Pick<ConnectCredential, 'agentId' | 'ts' | 'nonce'>): Buffer {
  return Buffer.from(`quorum-agent-connect/v1\n${c.agentId}\n${c.ts}\n${c.nonce}`, 'utf8');
}

/**
 * Makes the `Authorization` header value for a new connection.
 *
 * @example
 * const header = createConnectCredential({ agentId, privateKey: importPrivateKey(identity.privateKey) });
 * new WebSocket(url, { headers: { authorization: header } });
 */
export function createConnectCredential(opts: { agentId: string; privateKey: KeyObject; now?: number }): string {
  const ts = Math.trunc(opts.now ?? Date.now());
  const nonce = randomBytes(12).toString('hex');
  const sig = sign(null, signedBytes({ agentId: opts.agentId, ts, nonce }), opts.privateKey).toString('base64url');
  return `${CONNECT_SCHEME} agent=${opts.agentId}, ts=${ts}, nonce=${nonce}, sig=${sig}`;
}

/** Parses the header; undefined when it is not a well-formed credential. */
export function parseConnectCredential(header: string | undefined | null): ConnectCredential | undefined {
  if (!header || header.length > 1024) return undefined;
  const match = /^QuorumAgent agent=([A-Za-z0-9_-]{1,64}), ts=(\d{1,16}), nonce=([0-9a-f]{16,64}), sig=([A-Za-z0-9_-]{16,200})$/.exec(
    header.trim(),
  );
  if (!match) return undefined;
  const [, agentId, ts, nonce, sig] = match as unknown as [string, string, string, string, string];
  return { agentId, ts: Number(ts), nonce, sig };
}

export type CredentialVerdict =
  | { ok: true }
  | { ok: false; reason: 'bad_signature' | 'expired' | 'from_future' | 'replayed' };

/**
 * Checks a parsed credential against the agent's stored public key. `lastAcceptedTs` is the `ts` of
 * the last credential accepted for this agent (0 if none).
 */
export function verifyConnectCredential(opts: {
  credential: ConnectCredential;
  publicKey: KeyObject;
  now: number;
  lastAcceptedTs: number;
  maxSkewMs?: number;
}): CredentialVerdict {
  const { credential, now } = opts;
  const skew = opts.maxSkewMs ?? MAX_CLOCK_SKEW_MS;
  let valid = false;
  try {
    valid = verify(null, signedBytes(credential), opts.publicKey, Buffer.from(credential.sig, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  if (credential.ts < now - skew) return { ok: false, reason: 'expired' };
  if (credential.ts > now + skew) return { ok: false, reason: 'from_future' };
  if (credential.ts <= opts.lastAcceptedTs) return { ok: false, reason: 'replayed' };
  return { ok: true };
}
