import type { Executor } from '../../db/telemetry-store/executor';
import type { TenantScope } from '../../db/tenant-scope';

/**
 * Whether a node is inside a Quorum-run operation (a restart, a rolling restart, a bootstrap…):
 * its state changes are the operation's doing, not an incident, so the node-state rules
 * (unreachable, non-Primary, not Synced) leave it alone.
 *
 * HOOK for the commands work: it returns false until the `commands` table exists. To wire it,
 * answer from that table under the same scope, e.g. "a command for this node that is accepted or
 * running, or finished less than a minute ago" — one indexed lookup, called once per node per
 * evaluation inside the ingest's transaction.
 */
export async function isNodeUnderOperation(_db: Executor, _scope: TenantScope, _nodeId: string): Promise<boolean> {
  return false;
}
