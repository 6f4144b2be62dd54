import { importPublicKey, parseConnectCredential, verifyConnectCredential, type ConnectCredential } from '@quorum/protocol';
import type { KeyObject } from 'node:crypto';
import type { Deps } from '../deps';
import { CLOSE_CODES } from '../ports/agent-channel';
import { acceptConnection, findAgentForConnect } from '../db/telemetry-store/agent-connections.store';
import { tenantScope } from '../db/tenant-scope';

export type ConnectRejection =
  | 'malformed_credential'
  | 'unknown_agent'
  | 'revoked'
  | 'bad_signature'
  | 'expired'
  | 'from_future'
  | 'replayed';

export type ConnectResult =
  | { ok: true; connectionId: string; orgId: string; agentId: string }
  | {
      ok: false;
      reason: ConnectRejection;
      /** HTTP status of the refused upgrade (always 401: the caller is not authenticated). */
      httpStatus: 401;
      /**
       * The close code when a transport can only refuse by closing: 4401 for agents that will never
       * get in (unknown, revoked) so they stop retrying fast; 1008 for a bad attempt worth retrying
       * with a fresh credential (expired, replayed…).
       */
      closeCode: number;
      message: string;
    };

const MESSAGES: Record<ConnectRejection, string> = {
  malformed_credential: 'missing or malformed Authorization header (expected "QuorumAgent agent=…, ts=…, nonce=…, sig=…")',
  unknown_agent: 'unknown agent: enroll it again',
  revoked: 'this agent has been revoked',
  bad_signature: 'the credential signature does not verify against the enrolled key',
  expired: 'the credential is too old: check the agent host clock',
  from_future: 'the credential is from the future: check the agent host clock',
  replayed: 'the credential was used before: make a new one for each connection',
};

/**
 * Checks an agent's connect credential (the `Authorization` header of the WebSocket upgrade)
 * against its enrolled public key and, if it holds, records the connection: the agent's replay
 * guard moves to the credential's `ts` (atomically, so of two connects with one credential exactly
 * one wins), the connection row is inserted, and the agent is `connected`. A refused connect
 * records nothing. Older connections of the same agent are closed with 4409 (replaced).
 *
 * The header itself is never logged: it is a bearer credential for its short life.
 */
export async function authenticateConnect(
  deps: Pick<Deps, 'db' | 'clock' | 'log' | 'agentChannel'>,
  input: { authorizationHeader: string | undefined | null; connectionId: string },
): Promise<ConnectResult> {
  const credential = parseConnectCredential(input.authorizationHeader);
  if (!credential) return reject(deps, 'malformed_credential');
  const agent = await findAgentForConnect(deps.db, credential.agentId);
  if (!agent) return reject(deps, 'unknown_agent', credential);
  const now = deps.clock.now();
  const publicKey = importKey(agent.publicKey);
  const verdict = publicKey
    ? verifyConnectCredential({ credential, publicKey, now, lastAcceptedTs: agent.lastConnectTs })
    : ({ ok: false, reason: 'bad_signature' } as const);
  // "revoked" is said only to the holder of the agent's key: others learn nothing about the agent.
  if (!verdict.ok && verdict.reason === 'bad_signature') return reject(deps, 'bad_signature', credential);
  if (agent.revokedAt) return reject(deps, 'revoked', credential);
  if (!verdict.ok) return reject(deps, verdict.reason, credential);

  const scope = tenantScope(agent.orgId);
  const accepted = await acceptConnection(deps.db, scope, {
    agentId: agent.id,
    connectionId: input.connectionId,
    ts: credential.ts,
    now,
  });
  if (!accepted) return reject(deps, 'replayed', credential);
  for (const other of accepted.otherConnectionIds) {
    await deps.agentChannel.close(other, CLOSE_CODES.replaced, 'replaced by a newer connection').catch(() => {});
  }
  deps.log.info('agent connected', { orgId: agent.orgId, agentId: agent.id, connectionId: input.connectionId });
  return { ok: true, connectionId: input.connectionId, orgId: agent.orgId, agentId: agent.id };
}

function importKey(spki: string): KeyObject | undefined {
  try {
    return importPublicKey(spki);
  } catch {
    return undefined;
  }
}

function reject(deps: Pick<Deps, 'log'>, reason: ConnectRejection, credential?: ConnectCredential): ConnectResult {
  deps.log.warn('agent connect refused', { reason, ...(credential ? { agentId: credential.agentId } : {}) });
  const final = reason === 'unknown_agent' || reason === 'revoked';
  return {
    ok: false,
    reason,
    httpStatus: 401,
    closeCode: final ? CLOSE_CODES.revoked : CLOSE_CODES.policy,
    message: MESSAGES[reason],
  };
}
