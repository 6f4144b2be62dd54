import type { RuleCode, RuleSettings } from './types';

export interface RuleDefinition {
  title: string;
  /** What it means and why it matters, for the API and the portal. */
  description: string;
  /** A cluster-level alert names the whole cluster; a node-level one a node (or an agent). */
  scope: 'cluster' | 'node';
  /** `state`: from the assessment; `config`: the configuration guard; `metric`: a threshold. */
  kind: 'state' | 'config' | 'metric';
  defaults: RuleSettings;
  /** For threshold rules: the metric and its unit. */
  metric?: { name: string; unit: string };
  /** What the on-call engineer should know when it resolves. */
  resolvedHint?: string;
}

const S = 1000;

/**
 * The rules and their defaults. Every default can be overridden per organization and per cluster
 * (`PUT /api/v1/alert-rules/{rule}`). Severities decide who is paged: channels notify from
 * `warning` up unless set otherwise.
 */
export const RULES: Record<RuleCode, RuleDefinition> = {
  split_brain: {
    title: 'Split brain',
    description:
      'More than one Primary component (disjoint member sets, confirmed on two polls), or the side that split off left as the only Primary. Names the rogue component and, where seen, the empty gcomm://.',
    scope: 'cluster',
    kind: 'state',
    defaults: { enabled: true, severity: 'critical', forMs: 0, keepFiringForMs: 0 },
    resolvedHint:
      'Nothing in wsrep status shows the divergence any more: the side that split off may hold writes the other lacks. Resynchronize it (delete grastate.dat to force a full SST) or checksum the data.',
  },
  no_primary: {
    title: 'No Primary component',
    description: 'No reachable node is in a Primary component: the cluster accepts no reads or writes.',
    scope: 'cluster',
    kind: 'state',
    defaults: { enabled: true, severity: 'critical', forMs: 0, keepFiringForMs: 10 * S },
  },
  agent_offline: {
    title: 'Agent offline',
    description: 'An agent watching this cluster has not been heard from for longer than the offline threshold: its nodes are unknown.',
    scope: 'node',
    kind: 'state',
    defaults: { enabled: true, severity: 'warning', forMs: 0, keepFiringForMs: 0 },
  },
  size_below_expected: {
    title: 'Cluster smaller than expected',
    description: 'The Primary component has fewer nodes than the cluster should have.',
    scope: 'cluster',
    kind: 'state',
    defaults: { enabled: true, severity: 'warning', forMs: 30 * S, keepFiringForMs: 10 * S },
  },
  node_unreachable: {
    title: 'Node unreachable',
    description: 'The agent cannot reach the node’s MySQL server.',
    scope: 'node',
    kind: 'state',
    defaults: { enabled: true, severity: 'warning', forMs: 0, keepFiringForMs: 10 * S },
  },
  node_non_primary: {
    title: 'Node not in a Primary component',
    description: 'The node is non-Primary (or Disconnected) and refuses queries until it rejoins.',
    scope: 'node',
    kind: 'state',
    defaults: { enabled: true, severity: 'warning', forMs: 10 * S, keepFiringForMs: 10 * S },
  },
  node_not_synced: {
    title: 'Node not Synced',
    description:
      'The node is Donor, Joining or Joined for longer than expected. A Donor serving a state transfer, a node in a maintenance window (e.g. a known backup) and a node inside a Quorum-run operation are not incidents.',
    scope: 'node',
    kind: 'state',
    defaults: { enabled: true, severity: 'warning', forMs: 30 * S, keepFiringForMs: 10 * S },
  },
  config_cluster_address: {
    title: 'Node will bootstrap a separate cluster',
    description:
      'The node’s configured or running wsrep_cluster_address is empty (gcomm://) or names none of its live peers while they are alive: on its next restart it bootstraps a new cluster (split brain).',
    scope: 'node',
    kind: 'config',
    defaults: { enabled: true, severity: 'critical', forMs: 0, keepFiringForMs: 0 },
  },
  config_bootstrap: {
    title: 'Bootstrap left in configuration',
    description: 'pc.bootstrap or wsrep_new_cluster is set in the node’s option files: every start bootstraps a new cluster.',
    scope: 'node',
    kind: 'config',
    defaults: { enabled: true, severity: 'critical', forMs: 0, keepFiringForMs: 0 },
  },
  config_ignore_sb: {
    title: 'Split-brain protection disabled',
    description: 'pc.ignore_sb=true: after a partition both sides keep accepting writes.',
    scope: 'node',
    kind: 'config',
    defaults: { enabled: true, severity: 'warning', forMs: 0, keepFiringForMs: 0 },
  },
  config_flush_log: {
    title: 'innodb_flush_log_at_trx_commit is not 1',
    description: 'A crash of this node can lose its last second of commits (the cluster usually still has them).',
    scope: 'node',
    kind: 'config',
    defaults: { enabled: true, severity: 'info', forMs: 0, keepFiringForMs: 0 },
  },
  two_node_no_arbitrator: {
    title: 'Two nodes without an arbitrator',
    description: 'A 2-node cluster has no third member (garbd): losing either node, or the link between them, stops the whole cluster.',
    scope: 'cluster',
    kind: 'config',
    defaults: { enabled: true, severity: 'warning', forMs: 0, keepFiringForMs: 0 },
  },
  flow_control_paused: {
    title: 'Flow control pauses replication',
    description: 'Replication was paused by flow control for more than the threshold fraction of time, for the whole duration.',
    scope: 'node',
    kind: 'metric',
    metric: { name: 'flow_control_paused', unit: 'fraction of time' },
    defaults: { enabled: true, severity: 'warning', forMs: 60 * S, keepFiringForMs: 30 * S, threshold: 0.1 },
  },
  recv_queue_high: {
    title: 'Receive queue high',
    description: 'More write-sets wait to be applied than the threshold, for the whole duration: the node falls behind.',
    scope: 'node',
    kind: 'metric',
    metric: { name: 'recv_queue', unit: 'write-sets' },
    defaults: { enabled: true, severity: 'warning', forMs: 60 * S, keepFiringForMs: 30 * S, threshold: 100 },
  },
  cert_failures_high: {
    title: 'Certification failures',
    description: 'Transactions fail certification (conflicting writes on several nodes) faster than the threshold.',
    scope: 'node',
    kind: 'metric',
    metric: { name: 'cert_failures_per_s', unit: 'per second' },
    defaults: { enabled: true, severity: 'warning', forMs: 60 * S, keepFiringForMs: 30 * S, threshold: 1 },
  },
};

export type RuleOverride = Partial<RuleSettings>;

/**
 * A rule's effective settings: its defaults, then the organization's override, then the
 * cluster's (each field separately, so a cluster can change only its threshold).
 */
export function effectiveSettings(rule: RuleCode, org?: RuleOverride, cluster?: RuleOverride): RuleSettings {
  const merged: RuleSettings = { ...RULES[rule].defaults };
  for (const o of [org, cluster]) {
    if (!o) continue;
    for (const [k, v] of Object.entries(o)) if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  }
  return merged;
}

export const DEFAULT_POLICY = { groupWaitMs: 0, groupIntervalMs: 60 * S, repeatIntervalMs: 4 * 60 * 60 * S } as const;
