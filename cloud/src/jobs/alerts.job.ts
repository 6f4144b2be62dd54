import { unscheduleGroup } from '../db/alert-store/evaluation.store';
import { scanDueGroups, scanDueNotifications } from '../db/alert-store/outbox.store';
import { lockClusters } from '../db/telemetry-store/cluster-assessment.store';
import { inTransaction } from '../db/telemetry-store/executor';
import { tenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { dispatchNotifications } from './alerts/dispatch';
import type { NotifyMessage } from './notify.job';
import { reassessLockedCluster } from './reassess-cluster';

type JobDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'queue'>;

const SCAN_LIMIT = 500;

export interface AlertScheduleResult {
  clustersEvaluated: number;
  deliveriesDispatched: number;
}

/**
 * The alerts' clock (every second locally): what changes by the passage of time alone.
 * 1. Clusters whose alert group is due — a pending alert's `for` elapsed, a `keep_firing_for`
 *    ran out, a group wait or interval ended, a repeat is due, a silence ended, or someone asked
 *    (ack, silence, rule change) — are reassessed and their alerts evaluated, under the cluster's lock.
 * 2. Outbox deliveries that are due (a retry's backoff ended) or whose sender died (claim
 *    expired) — or whose queue message was lost — are handed to the notify queue again.
 * (Agents going offline are the offline job's: it reassesses their clusters, which evaluates.)
 */
export async function runAlertSchedule(deps: JobDeps): Promise<AlertScheduleResult> {
  const now = deps.clock.now();
  const groups = await scanDueGroups(deps.db, now, SCAN_LIMIT);
  for (const g of groups) {
    const scope = tenantScope(g.orgId);
    const refs = await inTransaction(deps.db, async (tx): Promise<NotifyMessage[]> => {
      const [cluster] = await lockClusters(tx, scope, [g.clusterId]);
      if (!cluster) {
        await unscheduleGroup(tx, scope, g.clusterId);
        return [];
      }
      return (await reassessLockedCluster(tx, deps, scope, cluster, now)).notifications;
    });
    dispatchNotifications(deps, refs);
  }
  const due = await scanDueNotifications(deps.db, now, SCAN_LIMIT);
  dispatchNotifications(deps, due.map((d) => ({ orgId: d.orgId, notificationId: d.id })));
  return { clustersEvaluated: groups.length, deliveriesDispatched: due.length };
}
