import {
  evaluateAlerts,
  effectiveSettings,
  RULE_CODES,
  RULES,
  severityRank,
  type RuleCode,
  type RuleSettings,
} from '../../core/alerts/index';
import type { Assessment, NodeObservation } from '../../core/galera/index';
import { deliveryId } from '../../core/notify/delivery-id';
import { buildDocument } from '../../core/notify/document';
import {
  loadAgentWatches,
  loadAlertsForEvaluation,
  loadGroup,
  loadGuardMetrics,
  loadNodeConfigs,
  loadPolicy,
  loadRuleOverrides,
  loadSilences,
  saveEvaluation,
} from '../../db/alert-store/evaluation.store';
import { insertNotifications, listEnabledChannels } from '../../db/alert-store/outbox.store';
import { insertClusterEvents } from '../../db/telemetry-store/batch.store';
import type { LockedCluster } from '../../db/telemetry-store/cluster-assessment.store';
import type { Transaction } from '../../db/telemetry-store/executor';
import type { TenantScope } from '../../db/tenant-scope';
import type { Deps } from '../../deps';
import { newId } from '../../ids';
import type { NotifyMessage } from '../notify.job';
import { nodesUnderOperation } from './operations';

/** A threshold rule reads samples at most this old (agents sample every 10 s by default). */
const METRIC_FRESH_MS = 60_000;

/**
 * The alert engine's job around the pure core, for one cluster whose row the transaction has
 * locked (so evaluations of one cluster never interleave): loads what the rules read, evaluates,
 * stores the alerts, the group and the timeline events, and puts the notification (if any) in the
 * outbox — all in the caller's transaction. Returns the deliveries to hand to the notify queue
 * once the transaction has committed.
 */
export async function evaluateClusterAlerts(
  tx: Transaction,
  deps: Pick<Deps, 'config'>,
  scope: TenantScope,
  input: { cluster: LockedCluster; assessment: Assessment; observations: readonly NodeObservation[]; now: number },
): Promise<NotifyMessage[]> {
  const { cluster, now } = input;
  const nodeIds = input.observations.map((o) => o.nodeId);
  const overrides = await loadRuleOverrides(tx, scope, cluster.id);
  const settings = Object.fromEntries(
    RULE_CODES.map((r) => [r, effectiveSettings(r, overrides.org.get(r), overrides.cluster.get(r))]),
  ) as Record<RuleCode, RuleSettings>;
  const existing = await loadAlertsForEvaluation(tx, scope, cluster.id);
  const underOperation = await nodesUnderOperation(tx, scope, { clusterId: cluster.id, nodeIds, now });

  const out = evaluateAlerts({
    cluster: { id: cluster.id, name: cluster.name, expectedSize: cluster.expectedSize },
    assessment: input.assessment,
    observations: input.observations,
    agents: await loadAgentWatches(tx, scope, cluster.id, { now, offlineAfterMs: deps.config.agentOfflineAfterMs }),
    configs: await loadNodeConfigs(tx, scope, cluster.id),
    metrics: await loadGuardMetrics(tx, scope, nodeIds, now - METRIC_FRESH_MS),
    nodesUnderOperation: underOperation,
    silences: await loadSilences(tx, scope, now),
    settings,
    policy: await loadPolicy(tx, scope),
    group: await loadGroup(tx, scope, cluster.id),
    existing,
    now,
    newId: () => newId('alr', now),
  });

  const before = new Map(existing.map((a) => [a.id, JSON.stringify(a)]));
  await saveEvaluation(tx, scope, {
    clusterId: cluster.id,
    changed: out.alerts.filter((a) => before.get(a.id) !== JSON.stringify(a)),
    dropped: out.transitions.filter((t) => t.to === 'dropped' && before.has(t.alert.id)).map((t) => t.alert.id),
    group: out.group,
    nextEvalAt: out.nextEvalAt,
    now,
  });
  await insertClusterEvents(
    tx,
    scope,
    out.transitions
      .filter((t) => t.to === 'firing' || t.to === 'resolved')
      .map((t) => ({
        id: newId('evt', now),
        clusterId: cluster.id,
        nodeId: t.alert.nodeId,
        type: t.to === 'firing' ? 'alert_firing' : 'alert_resolved',
        severity: t.to === 'firing' ? t.alert.severity : 'info',
        message: `${cluster.name}: ${t.to === 'firing' ? 'alert' : 'resolved'} — ${RULES[t.alert.rule].title}: ${t.alert.summary}`,
        data: { alertId: t.alert.id, rule: t.alert.rule, fingerprint: t.alert.fingerprint },
        occurredAt: now,
      })),
  );

  const n = out.notification;
  if (!n) return [];
  const channels = (await listEnabledChannels(tx, scope)).filter((c) => severityRank(c.minSeverity) <= severityRank(n.severity));
  const document = buildDocument(n, { id: cluster.id, name: cluster.name }, now);
  const alertIds = [...n.firing, ...n.resolved].map((a) => a.id);
  const inserted = await insertNotifications(
    tx,
    scope,
    channels.map((c) => ({
      id: deliveryId({ orgId: scope.orgId, clusterId: cluster.id, seq: n.seq, status: n.status, alertIds, channelId: c.id }),
      channelId: c.id,
      clusterId: cluster.id,
      kind: 'alerts' as const,
      status: n.status,
      severity: n.severity,
      payload: document,
      alertIds,
    })),
    now,
  );
  return inserted.map((notificationId) => ({ orgId: scope.orgId, notificationId }));
}
