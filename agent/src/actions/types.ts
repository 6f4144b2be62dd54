import type { ActionName, ActionParams, NodeStatus } from '@quorum/protocol';
import type { ClusterConfig, NodeConfig } from '../config/schema';
import type { NodeControl } from '../control/node-control';
import type { PositionStore } from '../guard/position-store';
import type { Refusal } from '../guard/guard';
import type { Logger } from '../log';
import type { KeyStore } from '../trust/key-store';

/** A configured node a command acts on. */
export interface NodeTarget {
  cluster: string;
  name: string;
  config: NodeConfig;
  /** Absent: the node is monitored only. */
  control: NodeControl | undefined;
}

export interface ClusterTarget {
  name: string;
  config: ClusterConfig;
  nodes: readonly NodeTarget[];
  /** The cloud's node ids (welcome.inventory) → configured names, for this cluster. */
  nodeIds: ReadonlyMap<string, string>;
}

export type Row = Record<string, unknown>;

/** What the actions need from the agent, as narrow as they need it. */
export interface ActionDeps {
  /** Polls the node now, never from a cache; an unreachable node is a status, not an error. */
  poll(node: NodeTarget): Promise<NodeStatus>;
  /** One statement as the monitoring or the admin account, on a connection of its own. */
  query(node: NodeTarget, account: 'monitor' | 'admin', sql: string): Promise<Row[]>;
  positions: PositionStore;
  keys: KeyStore;
  /** Asks a running command of this agent to stop at its next safe point. */
  cancel(commandId: string, by: string): CancelOutcome;
  log: Logger;
}

export type CancelOutcome = { cancelled: true; action: ActionName } | { cancelled: false; why: 'not_running' | 'finishing' | 'itself' };

export interface ActionContext<A extends ActionName> {
  commandId: string;
  params: ActionParams<A>;
  cluster: ClusterTarget;
  /** The envelope's node, for node actions (and for cluster actions that name one). */
  node: NodeTarget | undefined;
  /** Aborted by cancel-command, the action's timeout, or the agent stopping. */
  signal: AbortSignal;
  /** Streams a progress update to the cloud (at once). */
  progress(step: string, message: string, percent?: number): void;
  deps: ActionDeps;
}

/** One action of the closed set: its timeout, its safety checks, and what it does. */
export interface ActionDefinition<A extends ActionName> {
  name: A;
  /** The runner aborts the action after this long. */
  timeoutMs: number;
  /** Checks made before anything is touched, on fresh polls; a refusal ends the command as rejected. */
  guard?(ctx: ActionContext<A>): Promise<Refusal | undefined>;
  /** Does the work; resolves with the result sent to the cloud. */
  run(ctx: ActionContext<A>): Promise<Record<string, unknown>>;
}

/** A refusal found while running (e.g. after positions were recovered): rejected, like a guard refusal. */
export class RefusalError extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal.message);
    this.name = 'RefusalError';
    this.refusal = refusal;
  }
}

/** An expected failure with a code the portal can act on (`not_configured`, `no_such_process`…). */
export class ActionError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActionError';
    this.code = code;
  }
}

/** Why an action was stopped; the code becomes the failed update's error code. */
export class StopReason extends Error {
  readonly code: 'cancelled' | 'timeout' | 'agent_stopping';
  constructor(code: StopReason['code'], message: string) {
    super(message);
    this.name = 'StopReason';
    this.code = code;
  }
}
