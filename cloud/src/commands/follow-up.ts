import { findActiveOrchestration } from '../db/repos/commands.repo';
import type { TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { errorSummary } from '../jobs/error-summary';
import { refreshBootstrapPlan } from './bootstrap-plan';
import { advanceRollingRestart } from './rolling-restart';

type FollowUpDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'agentChannel' | 'log'>;

/**
 * Moves on what an event may have unblocked: the operations and bootstrap plans whose commands
 * changed, and the running orchestration of each cluster whose state changed. Runs after the
 * triggering transaction committed; a failure is logged and left to the scheduled tick.
 */
export async function followUp(deps: FollowUpDeps, scope: TenantScope, o: { parents: readonly string[]; clusterIds: readonly string[] }): Promise<void> {
  const parents = new Set(o.parents);
  for (const clusterId of o.clusterIds) {
    const active = await findActiveOrchestration(deps.db, scope, clusterId).catch(() => undefined);
    if (active) parents.add(active.id);
  }
  for (const id of parents) {
    try {
      if (id.startsWith('bpl_')) await refreshBootstrapPlan(deps, scope, id);
      else await advanceRollingRestart(deps, scope, id);
    } catch (error) {
      deps.log.error('moving an operation on failed (the tick retries)', { orgId: scope.orgId, operationId: id, error: errorSummary(error) });
    }
  }
}
