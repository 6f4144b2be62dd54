import type { Assessment, NodeObservation } from '../galera/index';
import { configConditions, metricConditions } from './config-rules';
import { decideGroup, type GroupNotification } from './grouping';
import { advanceAlerts, nextAlertTransitionAt, type Transition } from './state-machine';
import { stateConditions, type AgentWatch } from './state-rules';
import { inhibitions, nodesInMaintenance, silencedBy } from './suppression';
import type { AlertInstance, GroupState, GuardMetric, NodeConfig, NotificationPolicy, RuleCode, RuleSettings, Silence } from './types';

export interface EvaluateInput {
  cluster: { id: string; name: string; expectedSize: number };
  assessment: Assessment;
  observations: readonly NodeObservation[];
  agents: readonly AgentWatch[];
  configs: ReadonlyMap<string, NodeConfig>;
  metrics: ReadonlyMap<string, Partial<Record<GuardMetric, number>>>;
  nodesUnderOperation: ReadonlySet<string>;
  /** The organization's silences and maintenance windows that have not ended. */
  silences: readonly Silence[];
  settings: Readonly<Record<RuleCode, RuleSettings>>;
  policy: NotificationPolicy;
  group: GroupState;
  /** The cluster's active alerts, and resolved ones whose resolution is still to be notified. */
  existing: readonly AlertInstance[];
  now: number;
  newId: () => string;
}

export interface EvaluateOutput {
  /** Every alert to store (new, changed or not), with its notification state. */
  alerts: AlertInstance[];
  transitions: Transition[];
  group: GroupState;
  notification: GroupNotification | null;
  /** When time alone next changes something (a pending alert fires, a silence ends…); null: never. */
  nextEvalAt: number | null;
}

/**
 * The alert engine for one cluster, pure: rules → conditions → alert state machine → inhibition
 * and silences → grouping decision. Driven by `now`, so tests move a fake clock; the jobs around
 * it load the inputs and store the outputs in the ingest's transaction.
 */
export function evaluateAlerts(input: EvaluateInput): EvaluateOutput {
  const { cluster, now, settings } = input;
  const nodeIds = input.observations.map((o) => o.nodeId);
  const maintenance = nodesInMaintenance(input.silences, cluster.id, nodeIds, now);
  const split = input.assessment.splitBrain;
  const conditions = [
    ...stateConditions({
      clusterId: cluster.id,
      assessment: input.assessment,
      observations: input.observations,
      agents: input.agents,
      nodesUnderOperation: input.nodesUnderOperation,
      nodesInMaintenance: maintenance,
    }),
    ...configConditions({
      clusterId: cluster.id,
      expectedSize: cluster.expectedSize,
      observations: input.observations,
      components: split ? split.components : input.assessment.components,
      configs: input.configs,
      rogueNodeIds: new Set(split?.rogue.flatMap((c) => c.nodeIds) ?? []),
    }),
    ...metricConditions({ clusterId: cluster.id, observations: input.observations, metrics: input.metrics, settings }),
  ].filter((c) => settings[c.rule].enabled);

  const advanced = advanceAlerts({ existing: input.existing, conditions, settings, now, newId: input.newId });
  const inhibitedBy = inhibitions(advanced.alerts);
  const annotated = advanced.alerts.map((a) => ({
    ...a,
    inhibitedBy: inhibitedBy.get(a.fingerprint) ?? null,
    silencedBy: silencedBy(input.silences, a, cluster.id, now),
  }));
  const decision = decideGroup({ alerts: annotated, group: input.group, policy: input.policy, now });
  const alerts = annotated.map((a) => {
    const n = decision.notified.get(a.id);
    return n ? { ...a, notifiedState: n } : a;
  });

  let nextEvalAt = earliest(nextAlertTransitionAt(alerts, settings), decision.nextFlushAt);
  for (const s of input.silences) {
    // A silence that ends (or starts) changes what is notified; a maintenance window what is expected.
    if (s.endsAt > now && (s.kind === 'maintenance' || alerts.some((a) => a.silencedBy === s.id))) nextEvalAt = earliest(nextEvalAt, s.endsAt);
    if (s.startsAt > now) nextEvalAt = earliest(nextEvalAt, s.startsAt);
  }
  return { alerts, transitions: advanced.transitions, group: decision.group, notification: decision.notification, nextEvalAt };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
