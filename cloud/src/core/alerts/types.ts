import type { GuardSettings, OptionFile } from '@quorum/protocol';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export function severityRank(s: AlertSeverity | null | undefined): number {
  return s === 'critical' ? 3 : s === 'warning' ? 2 : s === 'info' ? 1 : 0;
}

export const RULE_CODES = [
  'split_brain',
  'no_primary',
  'agent_offline',
  'size_below_expected',
  'node_unreachable',
  'node_non_primary',
  'node_not_synced',
  'config_cluster_address',
  'config_bootstrap',
  'config_ignore_sb',
  'config_flush_log',
  'two_node_no_arbitrator',
  'flow_control_paused',
  'recv_queue_high',
  'cert_failures_high',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** A rule's effective settings (defaults, then the org's override, then the cluster's). */
export interface RuleSettings {
  enabled: boolean;
  severity: AlertSeverity;
  /** The condition must hold this long before the alert fires (pending until then). */
  forMs: number;
  /** A firing alert whose condition clears keeps firing this long (against flapping). */
  keepFiringForMs: number;
  /** For threshold rules: the value the metric must exceed. */
  threshold?: number;
}

/** What a rule says about the cluster right now: one per (rule, subject). */
export interface Condition {
  rule: RuleCode;
  /** Stable identity of "this alert": `rule:cluster[:node|:agent]`. */
  fingerprint: string;
  /** The node the alert is about, when it is about one. */
  nodeId: string | null;
  summary: string;
  details: AlertDetails;
}

export interface AlertDetails {
  /** The node(s) the alert names (the rogue side of a split brain, the unreachable node…). */
  nodeNames: string[];
  nodeAddresses?: string[];
  /** Why, in plain words (e.g. "node3 runs with an empty wsrep_cluster_address (gcomm://)…"). */
  cause?: string | null;
  causes?: string[];
  evidence?: Record<string, unknown>;
}

export type AlertState = 'pending' | 'firing' | 'resolved';
export type NotifiedState = 'none' | 'firing' | 'resolved';

/** One alert: a condition's life from pending to resolved. */
export interface AlertInstance {
  id: string;
  fingerprint: string;
  rule: RuleCode;
  nodeId: string | null;
  severity: AlertSeverity;
  summary: string;
  details: AlertDetails;
  state: AlertState;
  startedAt: number;
  firedAt: number | null;
  /** When the condition went away while firing (the alert keeps firing for `keepFiringForMs`). */
  clearedAt: number | null;
  resolvedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  /** What the channels were last told about this alert. */
  notifiedState: NotifiedState;
  /** The fingerprint of a firing alert that suppresses this one's notifications. */
  inhibitedBy: string | null;
  /** The silence or maintenance window that suppresses this one's notifications. */
  silencedBy: string | null;
}

export type SilenceKind = 'silence' | 'maintenance';

/**
 * Matches alerts by cluster, node and rule (each optional, all given must match) during
 * [startsAt, endsAt). A maintenance window also makes a node's not-Synced state expected (a Donor
 * during a known backup is not an incident) and silences the rest of what it matches.
 */
export interface Silence {
  id: string;
  kind: SilenceKind;
  clusterId: string | null;
  nodeId: string | null;
  rule: string | null;
  startsAt: number;
  endsAt: number;
}

/** How a cluster's alerts are batched into notifications (per organization). */
export interface NotificationPolicy {
  /** A new group waits this long for more alerts before its first notification. */
  groupWaitMs: number;
  /** At most one notification per group per this interval (unless the severity rises). */
  groupIntervalMs: number;
  /** Firing, unacknowledged alerts are notified again after this long. */
  repeatIntervalMs: number;
}

/** The notification state of one cluster's alert group. */
export interface GroupState {
  /** Notifications sent so far (part of every delivery id: the n-th notification of the group). */
  seq: number;
  /** Since when something is waiting to be notified. */
  pendingSince: number | null;
  lastNotifiedAt: number | null;
}

/** The latest configuration report of a node (agent `batch.configs`). */
export interface NodeConfig {
  configured: { files: OptionFile[]; settings: GuardSettings } | null;
  running: GuardSettings | null;
  observedAt: number;
}

/** The metrics the threshold rules read, latest recent value per node. */
export type GuardMetric = 'flow_control_paused' | 'recv_queue' | 'cert_failures_per_s';
export const GUARD_METRICS: readonly GuardMetric[] = ['flow_control_paused', 'recv_queue', 'cert_failures_per_s'];
