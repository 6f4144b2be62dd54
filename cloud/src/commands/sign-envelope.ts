import { canonicalEnvelopeBytes, type CommandEnvelope } from '@quorum/protocol';
import { buildEnvelope } from '../core/commands/envelope';
import { keyForAgent } from '../core/commands/signing-keys';
import { pinnedKeyIds } from '../db/repos/agent-signing-keys.repo';
import type { Queryable } from '../db/repos/queryable';
import type { TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';

/**
 * Builds and signs a command's envelope — once: the row keeps the envelope and its signature, and
 * every delivery re-sends exactly those bytes. It is signed with a key the agent pins (the active
 * one if it has learnt it, otherwise an older one it still trusts), or `keyId` when given.
 */
export async function signEnvelope(
  db: Queryable,
  deps: Pick<Deps, 'signer'>,
  scope: TenantScope,
  fields: Omit<Parameters<typeof buildEnvelope>[0], 'keyId' | 'orgId'>,
  keyId?: string,
): Promise<{ envelope: CommandEnvelope; signature: string }> {
  const keys = await deps.signer.publicKeys();
  const chosen = keyId ?? keyForAgent(await pinnedKeyIds(db, scope, fields.agentId), keys) ?? keys[0]?.keyId;
  if (!chosen) throw new Error('the signer has no active key');
  const envelope = buildEnvelope({ ...fields, orgId: scope.orgId, keyId: chosen });
  const signed = await deps.signer.sign(canonicalEnvelopeBytes(envelope), chosen);
  if (signed.keyId !== chosen) throw new Error(`the signer signed with ${signed.keyId} instead of ${chosen}`);
  return { envelope, signature: Buffer.from(signed.signature).toString('base64url') };
}
