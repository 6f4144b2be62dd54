import type { NodeStatus } from '@quorum/protocol';

export type Health = 'healthy' | 'degraded' | 'split_brain' | 'no_primary' | 'unknown';

/** What the cloud knows about one configured node when it assesses the cluster. */
export interface NodeObservation {
  nodeId: string;
  name: string;
  /** The address the agent polls (`host:port`), the node's identity across restarts. */
  address: string;
  /** The latest poll, or null if the node has never been reported. */
  status: NodeStatus | null;
  pollSeq: number | null;
  observedAt: number | null;
  /**
   * False when the latest poll can no longer be trusted as current: its agent is offline or the
   * report is older than the offline threshold. A stale node is "unknown", never evidence.
   */
  fresh: boolean;
}

/** A group of nodes that share one view of the cluster. */
export interface Component {
  kind: 'primary' | 'non_primary' | 'unreachable' | 'unknown';
  nodeIds: string[];
  nodeNames: string[];
  /** For a Primary component: its size, conf_id and state UUID as its members report them. */
  size: number | null;
  confId: string | null;
  stateUuid: string | null;
  /** Client addresses of the members of this view (`wsrep_incoming_addresses`). */
  memberAddresses: string[];
}

export type FindingSeverity = 'info' | 'warning' | 'critical';

export type FindingCode =
  | 'split_brain'
  | 'split_brain_suspected'
  | 'rogue_primary_only'
  | 'no_primary'
  | 'node_unreachable'
  | 'node_unknown'
  | 'node_not_synced'
  | 'node_non_primary'
  | 'size_below_expected'
  | 'history_lost'
  | 'empty_cluster_address';

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** A plain-words sentence for the portal and notifications. */
  message: string;
  nodeIds: string[];
  /** Structured evidence (conf ids, UUIDs, addresses…). */
  evidence?: Record<string, unknown>;
}

export interface SplitBrain {
  /** Every Primary component; pairwise disjoint. */
  components: Component[];
  /** The component(s) judged to have split off, and why. */
  rogue: Component[];
  majority: Component;
  /** Why the rogue formed its own Primary, as far as the evidence shows. */
  causes: string[];
  confirmed: boolean;
  /** When it was first seen (ms). */
  since: number;
}

export interface Assessment {
  health: Health;
  /** One sentence that says what is happening, for the top of the cluster page. */
  summary: string;
  components: Component[];
  findings: Finding[];
  splitBrain: SplitBrain | null;
  assessedAt: number;
}

/**
 * State carried from one assessment to the next (stored with the cluster): a split brain must
 * be seen on two consecutive polls before it is confirmed, and stays remembered once confirmed.
 */
export interface AssessmentMemory {
  pendingSplit?: { signature: string; pollSeqs: Record<string, number>; since: number };
  confirmedSplit?: ConfirmedSplit;
  /** The last confirmed split that ended: its rogue side may now be the only Primary (§12). */
  lastSplit?: ConfirmedSplit & { endedAt: number };
}

export interface ConfirmedSplit {
  signature: string;
  since: number;
  rogueNodeIds: string[];
  rogueStateUuids: string[];
}

/** Something the assessment saw that belongs on the cluster's timeline at once. */
export interface AssessmentEvent {
  type: 'split_brain_suspected' | 'split_brain_detected' | 'split_brain_resolved' | 'health_changed';
  severity: FindingSeverity;
  message: string;
  nodeIds: string[];
  data: Record<string, unknown>;
}
