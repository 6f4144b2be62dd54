import type { ClusterEvent, Operation } from '../api/types';
import { actionLabel } from './catalog';
import { evidenceRows } from './refusal';
import { OPERATION_STATE } from './states';

/**
 * An operation's result as label/value rows in a person's words (recovered positions, a restart's
 * start position, the killed query…). Diagnostics have their own view (diagnostics.ts).
 */
const LABELS: Record<string, string> = {
  node: 'Node',
  uuid: 'State UUID',
  stateUuid: 'State UUID',
  seqno: 'seqno',
  safeToBootstrap: 'safe_to_bootstrap',
  source: 'Source',
  running: 'Running',
  clusterStatus: 'Cluster status',
  localState: 'Local state',
  state: 'State',
  startPosition: 'Start position',
  wasRunning: 'Was running',
  alreadyRunning: 'Already running',
  forceSst: 'Forced SST',
  stopped: 'Stopped',
  tookMs: 'Took (ms)',
  note: 'Note',
  bootstrapNode: 'Bootstrapped from',
  processId: 'Process',
  scope: 'Killed',
};

const SOURCES: Record<string, string> = { grastate: 'grastate.dat', 'wsrep-recover': 'mariadbd --wsrep-recover', live: 'live wsrep state (running)' };

export function resultRows(result: unknown): Array<{ label: string; value: string }> {
  if (!result || typeof result !== 'object') return [];
  const r = result as Record<string, unknown>;
  return evidenceRows(r).map((row) => {
    const [head, ...rest] = row.label.split(' ');
    const label = [LABELS[head ?? ''] ?? head, ...rest].join(' ');
    const value = head === 'source' ? (SOURCES[row.value] ?? row.value) : row.value;
    return { label, value };
  });
}

/** The timeline's entries for operations: one when asked for, one when finished (top-level only). */
export function operationEvents(ops: readonly Operation[], nodeNames: ReadonlyMap<string, string>): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  for (const op of ops) {
    if (op.parentId) continue;
    const what = `${actionLabel(op.action)}${op.nodeId ? ` of ${nodeNames.get(op.nodeId) ?? 'a node'}` : ''}`;
    const data = { operationId: op.id };
    out.push({ id: `${op.id}:asked`, clusterId: op.clusterId, nodeId: op.nodeId, type: 'operation_started', severity: 'info', occurredAt: op.createdAt, message: `${what} asked for`, data });
    if (op.finishedAt !== null) {
      const look = OPERATION_STATE[op.state];
      const severity = op.state === 'succeeded' ? 'info' : op.state === 'failed' || op.state === 'rejected' ? 'critical' : 'warning';
      const why = op.error?.message ?? (op.refusal as { message?: string } | null)?.message ?? '';
      out.push({ id: `${op.id}:finished`, clusterId: op.clusterId, nodeId: op.nodeId, type: 'operation_finished', severity, occurredAt: op.finishedAt, message: `${what}: ${look.word.toLowerCase()}${why ? ` — ${why}` : ''}`, data });
    }
  }
  return out;
}

/** The operation an entry of the timeline belongs to, if any. */
export function operationIdOf(event: Pick<ClusterEvent, 'data'>): string | undefined {
  const id = (event.data as { operationId?: unknown } | null | undefined)?.operationId;
  return typeof id === 'string' ? id : undefined;
}
