import type { Operation, OperationState } from '../api/types';
import type { Look } from '../galera/vocabulary';

/** Every operation state has a word, a tone and an icon (never colour alone). */
export const OPERATION_STATE: Record<OperationState, Look & { meaning: string }> = {
  awaiting_approval: { word: 'Awaiting approval', tone: 'warn', icon: 'question', meaning: 'The organization requires a second admin to approve it; nothing is signed until then.' },
  queued: { word: 'Queued', tone: 'unknown', icon: 'sync', meaning: 'Signed, waiting for the agent to connect.' },
  sent: { word: 'Sent', tone: 'warn', icon: 'sync', meaning: 'Handed to the agent; waiting for it to start.' },
  running: { word: 'Running', tone: 'warn', icon: 'sync', meaning: 'The agent (or the control plane, for a rolling restart) is working on it.' },
  succeeded: { word: 'Succeeded', tone: 'ok', icon: 'check', meaning: 'Done.' },
  failed: { word: 'Failed', tone: 'bad', icon: 'stop', meaning: 'It started but did not finish; see the error.' },
  rejected: { word: 'Refused', tone: 'bad', icon: 'stop', meaning: 'The agent refused it: a safety check failed, or the signed command did not verify. Nothing was touched.' },
  expired: { word: 'Expired', tone: 'unknown', icon: 'question', meaning: 'It was not delivered (or approved) in time; nothing ran.' },
  cancelled: { word: 'Cancelled', tone: 'unknown', icon: 'stop', meaning: 'Cancelled by a person.' },
};

export const STEP_OUTCOME: Record<'pending' | 'running' | 'done' | 'failed', Look> = {
  pending: { word: 'Waiting', tone: 'unknown', icon: 'question' },
  running: { word: 'Restarting', tone: 'warn', icon: 'sync' },
  done: { word: 'Done', tone: 'ok', icon: 'check' },
  failed: { word: 'Failed', tone: 'bad', icon: 'stop' },
};

const TERMINAL: ReadonlySet<OperationState> = new Set(['succeeded', 'failed', 'rejected', 'expired', 'cancelled']);

export function isTerminal(state: OperationState): boolean {
  return TERMINAL.has(state);
}

/** Whether a person may still cancel it (the API answers 409 once it finished). */
export function isCancellable(op: Pick<Operation, 'state'>): boolean {
  return !isTerminal(op.state);
}

/** The last progress report, as `{step, message, percent?}` (the API types it loosely). */
export function progressOf(op: Pick<Operation, 'progress'>): { step: string; message: string; percent?: number } | null {
  const p = op.progress as { step?: unknown; message?: unknown; percent?: unknown } | null | undefined;
  if (!p || typeof p.message !== 'string') return null;
  return { step: String(p.step ?? ''), message: p.message, ...(typeof p.percent === 'number' ? { percent: p.percent } : {}) };
}

export interface StepRow {
  nodeId: string;
  nodeName: string;
  commandId: string | null;
  outcome: keyof typeof STEP_OUTCOME;
}

/**
 * A rolling restart's steps, one per node in its order: the ones started (with their command), then
 * the ones still to come. The operation only lists started steps; the order is by node name.
 */
export function rollingSteps(op: Pick<Operation, 'steps' | 'state'>, nodes: ReadonlyArray<{ id: string; name: string }>): StepRow[] {
  const started = op.steps ?? [];
  const rows: StepRow[] = started.map((s) => ({ nodeId: s.nodeId, nodeName: s.nodeName, commandId: s.commandId, outcome: s.outcome }));
  const seen = new Set(started.map((s) => s.nodeId));
  const rest = [...nodes].filter((n) => !seen.has(n.id)).sort((a, b) => a.name.localeCompare(b.name));
  for (const n of rest) rows.push({ nodeId: n.id, nodeName: n.name, commandId: null, outcome: 'pending' });
  return rows;
}
