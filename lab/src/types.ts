import type { NodeStatus } from '@quorum/protocol';
import type { Grastate } from './grastate';
import type { Position } from './recover';

export interface CreateOptions {
  /** 1..9, default 3. */
  nodes?: number;
  /** 0..19; default `QUORUM_LAB_SLOT`, else the first free slot. */
  slot?: number;
  /** Default `/tmp/quorum-galera-lab/slot-N`. Must be empty or absent; it is deleted on destroy. */
  baseDir?: string;
  clusterName?: string;
  monitorPassword?: string;
  log?: (line: string) => void;
  /**
   * Keep the lab after this process exits (the CLI's `up`): no exit safety net, and the slot stays
   * held until `destroy`. Default false: the lab dies with its creator.
   */
  persistent?: boolean;
}

export interface AttachOptions {
  slot?: number;
  baseDir?: string;
  log?: (line: string) => void;
}

export interface StartOptions {
  /** Extra mariadbd options, after `--defaults-file`. */
  args?: ReadonlyArray<string>;
  /** `synced` (default): wait for Synced; `running`: until it answers SQL; `none`: return at once. */
  wait?: 'synced' | 'running' | 'none';
  timeoutMs?: number;
}

export interface StopOptions {
  timeoutMs?: number;
  /** SIGKILL when SIGTERM did not end it in time (a node waiting for a Primary ignores SIGTERM). */
  killAfterTimeout?: boolean;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export interface LabNodeStatus {
  node: string;
  pid: number | null;
  rssMb: number | null;
  status: NodeStatus;
  grastate: Grastate | null;
}

export interface RecoverResult {
  bootstrapped: string;
  positions: Record<string, Position | null>;
}

export type ControlAction = 'start' | 'stop' | 'kill';
