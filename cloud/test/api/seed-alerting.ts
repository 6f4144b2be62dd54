import { eq, sql } from 'drizzle-orm';
import { nodeStatus } from '../../src/db/schema/telemetry';
import { lockClusters } from '../../src/db/telemetry-store/cluster-assessment.store';
import { inTransaction } from '../../src/db/telemetry-store/executor';
import { tenantScope } from '../../src/db/tenant-scope';
import { reassessLockedCluster } from '../../src/jobs/reassess-cluster';
import { call } from './client';
import type { OrgFixture } from './seed';
import type { TestApp } from './support';

/** What one organization has of alerting in the API suites. */
export interface AlertingFixture {
  channelId: string;
  spareChannelId: string;
  alertId: string;
  deliveryIds: string[];
  silenceId: string;
}

/**
 * Runs the real alert evaluation on a seeded cluster, as the ingest would: assess, then assess
 * again after one more poll of every node (a split brain is confirmed on the second poll).
 * Returns the deliveries it put in the outbox.
 */
export async function evaluateCluster(t: TestApp, orgId: string, clusterId: string, opts: { bumpPolls?: boolean } = {}): Promise<string[]> {
  const scope = tenantScope(orgId);
  if (opts.bumpPolls) {
    await t.db.db.update(nodeStatus).set({ pollSeq: sql`${nodeStatus.pollSeq} + 1` }).where(eq(nodeStatus.clusterId, clusterId));
  }
  return inTransaction(t.db.db, async (tx) => {
    const [cluster] = await lockClusters(tx, scope, [clusterId]);
    if (!cluster) throw new Error(`no cluster ${clusterId}`);
    const out = await reassessLockedCluster(tx, t.deps, scope, cluster, t.clock.now());
    return out.notifications.map((n) => n.notificationId);
  });
}

/** Channels (an email one and a spare), the split brain alert with its deliveries, and a silence. */
export async function seedAlerting(t: TestApp, o: OrgFixture): Promise<AlertingFixture> {
  const channel = async (name: string) => {
    const res = await call(t, 'POST', '/api/v1/notification-channels', { cookie: o.owner.cookie, body: { type: 'email', name, to: [`oncall-${o.name}@example.com`] } });
    if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const channelId = await channel('On-call email');
  const spareChannelId = await channel('Spare');
  await evaluateCluster(t, o.owner.orgId, o.clusterId);
  const deliveryIds = await evaluateCluster(t, o.owner.orgId, o.clusterId, { bumpPolls: true });
  const alerts = await call(t, 'GET', '/api/v1/alerts?state=firing', { cookie: o.owner.cookie });
  const split = (alerts.body.alerts as Array<{ id: string; rule: string }>).find((a) => a.rule === 'split_brain');
  if (!split || deliveryIds.length === 0) throw new Error(`no split brain alert or delivery: ${JSON.stringify(alerts.body)} ${deliveryIds}`);
  const silence = await call(t, 'POST', '/api/v1/silences', {
    cookie: o.owner.cookie,
    body: { clusterId: o.clusterId, rule: 'config_flush_log', durationMinutes: 60, reason: 'seed' },
  });
  if (silence.status !== 201) throw new Error(`silence: ${silence.status} ${JSON.stringify(silence.body)}`);
  return { channelId, spareChannelId, alertId: split.id, deliveryIds, silenceId: silence.body.id };
}
