import { z } from 'zod';
import { REJECT_REASONS } from './verify';

/**
 * What the agent tells the cloud about a command, carried inside telemetry batches so that it is
 * spooled, acked and deduplicated like everything else: a result reached while disconnected is
 * delivered on reconnect, never lost.
 *
 * States move forward only: accepted → running → succeeded | failed; or straight to rejected
 * (the envelope failed verification, or the Galera safety guard refused it). The cloud ignores an
 * update that would move a command backwards.
 */
export const COMMAND_UPDATE_STATES = ['accepted', 'running', 'succeeded', 'failed', 'rejected'] as const;
export type CommandUpdateState = (typeof COMMAND_UPDATE_STATES)[number];

/**
 * Why the agent's Galera safety guard refused an otherwise valid command (defence in depth: the
 * cloud checks the same things, but the agent sees the nodes directly).
 */
export const GUARD_REFUSALS = [
  /** bootstrap while a reachable node of the cluster is in a Primary component */
  'primary_exists',
  /** a start position with the zero UUID (a node that lost its history) */
  'zero_uuid',
  /** a position older than the last one this agent recorded for the node */
  'position_regressed',
  /** nodes disagree on the cluster's state UUID: different histories, a person must choose */
  'uuid_mismatch',
  /** stopping or restarting the last Synced node of a Primary component */
  'last_synced_node',
  /** the node is in a state the action cannot start from (e.g. recover-position on a running node) */
  'wrong_node_state',
  /** the node has no control method configured (monitoring only) */
  'no_control',
  /** the action needs an administrative MySQL account the config does not give */
  'no_admin_credentials',
] as const;
export type GuardRefusal = (typeof GUARD_REFUSALS)[number];

export const commandUpdateSchema = z.object({
  commandId: z.uuid(),
  state: z.enum(COMMAND_UPDATE_STATES),
  at: z.number().int().nonnegative(),
  /** Increases with every update of one command; the cloud keeps the highest. */
  seq: z.number().int().nonnegative(),
  progress: z
    .object({
      step: z.string().max(64),
      message: z.string().max(1024),
      percent: z.number().min(0).max(100).optional(),
    })
    .optional(),
  /** The action's output (positions, diagnostics…); bounded by the batch size limit. */
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string().max(64), message: z.string().max(2048) }).optional(),
  /** For `rejected`: the verification failure … */
  reason: z.enum(REJECT_REASONS).optional(),
  /** … or the safety guard's refusal, with what it saw. */
  refusal: z
    .object({ code: z.enum(GUARD_REFUSALS), message: z.string().max(2048), evidence: z.record(z.string(), z.unknown()).optional() })
    .optional(),
});
export type CommandUpdate = z.infer<typeof commandUpdateSchema>;

/** Whether `next` may replace `current` (states only move forward; within a state, by seq). */
export function isLaterUpdate(current: { state: CommandUpdateState; seq: number } | undefined, next: { state: CommandUpdateState; seq: number }): boolean {
  if (!current) return true;
  const rank = (s: CommandUpdateState) => (s === 'accepted' ? 0 : s === 'running' ? 1 : 2);
  if (rank(current.state) === 2) return false; // terminal
  return rank(next.state) > rank(current.state) || (rank(next.state) === rank(current.state) && next.seq > current.seq);
}
