import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../core/audit/actor';
import { trustUpdateFor } from '../core/commands/signing-keys';
import { savePinnedKeyIds } from '../db/repos/agent-signing-keys.repo';
import { findOpenAgentCommand, type CommandRow } from '../db/repos/commands.repo';
import { clusterIdsWatchedBy } from '../db/telemetry-store/cluster-assessment.store';
import { inTransaction } from '../db/telemetry-store/executor';
import type { TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { issueCommand } from './issue-command';

/**
 * Key rotation, agent side: called on every hello with the key ids the agent pins. It records
 * them, and if the agent lacks one of the signer's unretired keys or still pins a retired one,
 * issues an `update-signing-keys` command signed by a key the agent already trusts (the only kind
 * it would believe). Nothing is issued while an earlier update is still on its way.
 * Returns the command to deliver, if one was issued.
 */
export async function syncSigningKeys(
  deps: Pick<Deps, 'db' | 'clock' | 'signer' | 'log'>,
  scope: TenantScope,
  opts: { agentId: string; pinnedKeyIds: readonly string[] | undefined },
): Promise<CommandRow | undefined> {
  if (opts.pinnedKeyIds === undefined) return undefined; // an agent that does not say what it pins
  const now = deps.clock.now();
  const pinned = [...opts.pinnedKeyIds];
  const keys = await deps.signer.publicKeys();
  const retired = (await deps.signer.retiredKeyIds?.()) ?? [];
  return inTransaction(deps.db, async (tx) => {
    await savePinnedKeyIds(tx, scope, opts.agentId, pinned, now);
    const update = trustUpdateFor(pinned, keys, retired);
    if (!update) {
      if (!keys.some((k) => pinned.includes(k.keyId))) {
        deps.log.warn('agent pins none of the signing keys: enroll it again to send it commands', { orgId: scope.orgId, agentId: opts.agentId });
      }
      return undefined;
    }
    if (await findOpenAgentCommand(tx, scope, opts.agentId, 'update-signing-keys', now)) return undefined;
    // A trust update names a cluster like every envelope; any cluster the agent watches will do.
    const [clusterId] = await clusterIdsWatchedBy(tx, scope, opts.agentId);
    if (!clusterId) return undefined;
    deps.log.info('sending signing keys to an agent', { orgId: scope.orgId, agentId: opts.agentId, add: update.add.map((k) => k.keyId), retire: update.retire, signedWith: update.signWith });
    const row = await issueCommand(tx, deps, scope, {
      id: randomUUID(),
      clusterId,
      nodeId: null,
      agentId: opts.agentId,
      action: 'update-signing-keys',
      params: { add: update.add, retire: update.retire },
      issuedBy: 'system:key-rotation',
      issuerUserId: null,
      actor: SYSTEM_ACTOR('key-rotation'),
      requestId: null,
      parentId: null,
      awaitApproval: false,
      now,
      signWith: update.signWith,
    });
    return row;
  });
}
