import { and, gt, inArray, or } from 'drizzle-orm';
import { commands } from '../../db/schema/index';
import type { Executor } from '../../db/telemetry-store/executor';
import { inTenant, type TenantScope } from '../../db/tenant-scope';

/** After an operation ends, its node may still be catching up (IST) for a little while. */
const GRACE_MS = 60_000;

/** Operations that act on every node of the cluster rather than on one. */
const CLUSTER_WIDE = new Set(['rolling-restart', 'bootstrap-cluster']);

/**
 * The nodes of a cluster inside a Quorum-run operation (a restart, a rolling restart, a
 * bootstrap…), or just out of one: their state changes are the operation's doing, not an incident,
 * so the node-state rules (unreachable, non-Primary, not Synced) leave them alone. Cluster-level
 * rules (split brain, no Primary, size) still apply — an operation never excuses those.
 *
 * One indexed lookup per evaluation (`commands_cluster_idx`), inside the ingest's transaction.
 */
export async function nodesUnderOperation(
  db: Executor,
  scope: TenantScope,
  opts: { clusterId: string; nodeIds: readonly string[]; now: number },
): Promise<Set<string>> {
  const rows = await db
    .select({ nodeId: commands.nodeId, action: commands.action })
    .from(commands)
    .where(
      inTenant(
        commands,
        scope,
        and(
          inArray(commands.clusterId, [opts.clusterId]),
          or(inArray(commands.state, ['sent', 'running']), gt(commands.finishedAt, new Date(opts.now - GRACE_MS))),
        ),
      ),
    );
  const out = new Set<string>();
  for (const row of rows) {
    if (row.nodeId) {
      if (opts.nodeIds.includes(row.nodeId)) out.add(row.nodeId);
    } else if (CLUSTER_WIDE.has(row.action)) {
      for (const id of opts.nodeIds) out.add(id);
    }
  }
  return out;
}
