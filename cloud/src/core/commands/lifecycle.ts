import { isLaterUpdate, type CommandUpdate, type CommandUpdateState } from '@quorum/protocol';
import type { OperationState } from '../../db/schema/commands';

/**
 * The command lifecycle as pure functions of a row's states. The cloud decides `queued`, `sent`,
 * `awaiting_approval`, `cancelled` and `expired`; everything after delivery is the agent's word,
 * applied with the protocol's `isLaterUpdate` so that a re-sent or out-of-order update never moves
 * a command backwards.
 */
export const TERMINAL_STATES: ReadonlySet<OperationState> = new Set(['succeeded', 'failed', 'rejected', 'expired', 'cancelled']);

/** Terminal states the cloud concluded on its own; a later report from the agent is the truth. */
const CLOUD_VERDICTS: ReadonlySet<OperationState> = new Set(['expired', 'cancelled']);

export function isTerminal(state: OperationState): boolean {
  return TERMINAL_STATES.has(state);
}

/** A command that is still worth handing to its agent: nothing heard from the agent yet. */
export function awaitsDelivery(row: { state: OperationState; agentState: CommandUpdateState | null }): boolean {
  return (row.state === 'queued' || row.state === 'sent') && row.agentState === null;
}

export interface LifecycleRow {
  state: OperationState;
  agentState: CommandUpdateState | null;
  agentSeq: number | null;
  startedAt: number | null;
}

export interface UpdatePatch {
  state: OperationState;
  agentState: CommandUpdateState;
  agentSeq: number;
  agentUpdatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  progress?: unknown;
  result?: unknown;
  error?: { code: string; message: string };
  reason?: string;
  refusal?: unknown;
}

export type UpdateOutcome = { apply: true; patch: UpdatePatch; finished: boolean } | { apply: false; why: 'replay_echo' | 'not_later' };

const CLOUD_STATE: Record<CommandUpdateState, OperationState> = {
  accepted: 'running',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  rejected: 'rejected',
};

/**
 * What an agent's update does to a command row (`now` is the cloud's clock at ingest).
 *
 * - A `rejected`/`replayed` update never changes anything: the cloud signs each id once and only
 *   ever re-sends that same envelope, so "replayed" just means the agent already has it — and its
 *   own outcome for it is (or will be) reported separately. This is what makes a cloud resend safe.
 * - Otherwise the update applies when `isLaterUpdate` says so. A command the cloud had given up on
 *   (`expired`, `cancelled` before delivery) takes the agent's outcome: the agent's report is fact.
 *
 * @example
 * applyAgentUpdate({ state: 'sent', agentState: null, agentSeq: null, startedAt: null },
 *   { commandId, state: 'accepted', seq: 0, at }, now) // → apply, state 'running'
 */
export function applyAgentUpdate(row: LifecycleRow, update: CommandUpdate, now: number): UpdateOutcome {
  if (update.state === 'rejected' && update.reason === 'replayed') return { apply: false, why: 'replay_echo' };
  const current = row.agentState === null ? undefined : { state: row.agentState, seq: row.agentSeq ?? 0 };
  if (!isLaterUpdate(current, update)) return { apply: false, why: 'not_later' };
  if (isTerminal(row.state) && !CLOUD_VERDICTS.has(row.state)) return { apply: false, why: 'not_later' };
  const state = CLOUD_STATE[update.state];
  const finished = isTerminal(state);
  const patch: UpdatePatch = {
    state,
    agentState: update.state,
    agentSeq: update.seq,
    agentUpdatedAt: update.at,
    startedAt: row.startedAt ?? (update.state === 'rejected' ? null : now),
    finishedAt: finished ? now : null,
    ...(update.progress !== undefined ? { progress: update.progress } : {}),
    ...(update.result !== undefined ? { result: update.result } : {}),
    ...(update.error !== undefined ? { error: update.error } : {}),
    ...(update.reason !== undefined ? { reason: update.reason } : {}),
    ...(update.refusal !== undefined ? { refusal: update.refusal } : {}),
  };
  return { apply: true, patch, finished };
}

/** How long an accepted command may stay unfinished before the cloud stops waiting (SST can be slow). */
export const MAX_RUN_MS = 2 * 60 * 60 * 1000;

/**
 * Whether the expiry job gives up on a command now: undelivered (or unapproved) past its expiry —
 * the agent refuses it after that anyway — or accepted but silent for `MAX_RUN_MS` beyond it.
 */
export function shouldExpire(row: { state: OperationState; expiresAt: number }, now: number): boolean {
  if (row.state === 'queued' || row.state === 'sent' || row.state === 'awaiting_approval') return row.expiresAt <= now;
  if (row.state === 'running') return row.expiresAt + MAX_RUN_MS <= now;
  return false;
}

/**
 * What cancelling does in each state: before delivery it is simply cancelled; once the agent may
 * have it, the agent is asked too (`cancel-command`) and its report decides the outcome.
 */
export function cancellation(row: { state: OperationState; agentState: CommandUpdateState | null }): 'cancel' | 'cancel_and_tell_agent' | 'tell_agent' | 'too_late' {
  if (row.state === 'awaiting_approval' || row.state === 'queued') return 'cancel';
  if (row.state === 'sent' && row.agentState === null) return 'cancel_and_tell_agent';
  if (row.state === 'running') return 'tell_agent';
  return 'too_late';
}
