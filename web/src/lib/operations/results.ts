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
  // Lists of records (a bootstrap's positions and started nodes) are tables: resultTables.
  const r = Object.fromEntries(Object.entries(result as Record<string, unknown>).filter(([, v]) => !isRecordList(v)));
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

const TABLE_TITLES: Record<string, string> = { positions: 'Positions it started from', started: 'Nodes started, in order' };

function isRecordList(v: unknown): v is Array<Record<string, unknown>> {
  return Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
}

/** A result's lists of records as tables: columns in the words of `resultRows`. */
export function resultTables(result: unknown): Array<{ title: string; columns: string[]; rows: string[][] }> {
  if (!result || typeof result !== 'object') return [];
  return Object.entries(result as Record<string, unknown>)
    .filter((entry): entry is [string, Array<Record<string, unknown>>] => isRecordList(entry[1]))
    .map(([key, list]) => {
      const keys = [...new Set(list.flatMap((x) => Object.keys(x)))];
      return {
        title: TABLE_TITLES[key] ?? key,
        columns: keys.map((k) => LABELS[k] ?? k),
        rows: list.map((x) => keys.map((k) => (k === 'source' ? (SOURCES[String(x[k])] ?? String(x[k] ?? '—')) : x[k] === null || x[k] === undefined ? '—' : String(x[k])))),
      };
    });
}
