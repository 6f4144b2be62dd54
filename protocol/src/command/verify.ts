import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { KeyAlgorithm } from '../keys';
import { describeIssues } from '../zod-issues';
import { ACTIONS, type ActionKind, type ActionName } from './actions';
import { canonicalEnvelopeBytes, commandEnvelopeSchema, signedCommandSchema, type CommandEnvelope } from './envelope';
import { verifyBytes } from './sign';

/** A control-plane key the agent trusts, with the moment it stopped trusting it, if any. */
export interface PinnedKey {
  keyId: string;
  algorithm: KeyAlgorithm;
  publicKey: KeyObject;
  retiredAt?: number;
}

export const REJECT_REASONS = [
  'malformed',
  'unknown_key',
  'retired_key',
  'bad_signature',
  'wrong_org',
  'wrong_agent',
  'expired',
  'from_future',
  'lifetime_too_long',
  'replayed',
  'not_allowed',
  'read_only',
  'bad_params',
  'unknown_target',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type CommandVerdict =
  | { ok: true; envelope: CommandEnvelope; action: ActionName; params: Record<string, unknown>; kind: ActionKind }
  | { ok: false; reason: RejectReason; message: string; commandId?: string };

export interface VerifyContext {
  keys: readonly PinnedKey[];
  orgId: string;
  agentId: string;
  now: number;
  /** Tolerated clock difference for `issuedAt` in the future (default 30 s). */
  maxSkewMs?: number;
  /** Longest accepted `expiresAt − issuedAt` (default 5 min). */
  maxLifetimeMs?: number;
  /** The agent's local allow-list (from its config file only). */
  allowedActions: ReadonlySet<ActionName>;
  /** A read-only agent runs `read` actions only. */
  readOnly: boolean;
  /** True if this command id was executed (or started) before: the replay store. */
  seen(commandId: string): boolean;
  /** True if the cluster (and node, when given) is one this agent watches. */
  knowsTarget(clusterId: string, nodeId: string | undefined): boolean;
}

export const DEFAULT_MAX_SKEW_MS = 30_000;
export const DEFAULT_MAX_LIFETIME_MS = 5 * 60_000;

/**
 * The agent's whole decision, pure and in a fixed order: nothing in the envelope is believed
 * before its signature checks out against a pinned, unretired key. Only an `ok` verdict may run.
 *
 * @example
 * const verdict = verifyCommand(JSON.parse(frame), ctx);
 * if (!verdict.ok) report({ commandId: verdict.commandId, state: 'rejected', reason: verdict.reason });
 */
export function verifyCommand(message: unknown, ctx: VerifyContext): CommandVerdict {
  const reject = (reason: RejectReason, msg: string, commandId?: string): CommandVerdict => ({
    ok: false,
    reason,
    message: msg,
    ...(commandId ? { commandId } : {}),
  });
  const outer = signedCommandSchema.safeParse(message);
  if (!outer.success) return reject('malformed', describeIssues(outer.error));
  const parsed = commandEnvelopeSchema.safeParse(outer.data.envelope);
  if (!parsed.success) return reject('malformed', `envelope: ${describeIssues(parsed.error)}`);
  const envelope = parsed.data;

  const key = ctx.keys.find((k) => k.keyId === envelope.keyId);
  if (!key) return reject('unknown_key', `key ${envelope.keyId} is not pinned by this agent`);
  if (key.retiredAt !== undefined && key.retiredAt <= ctx.now) return reject('retired_key', `key ${envelope.keyId} is retired`);
  const signature = Buffer.from(outer.data.signature, 'base64url');
  // Verify the bytes as received: a field the schema would drop or coerce must break the signature.
  if (!verifySignature(outer.data.envelope, signature, key)) {
    return reject('bad_signature', 'signature does not verify');
  }
  // From here on the envelope is authentic; its id can be echoed back.
  const id = envelope.id;
  if (envelope.orgId !== ctx.orgId) return reject('wrong_org', 'command is for another organization', id);
  if (envelope.agentId !== ctx.agentId) return reject('wrong_agent', 'command is for another agent', id);
  const skew = ctx.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (envelope.expiresAt <= ctx.now) return reject('expired', `expired ${ctx.now - envelope.expiresAt} ms ago`, id);
  if (envelope.issuedAt > ctx.now + skew) return reject('from_future', 'issued in the future (clock skew?)', id);
  const lifetime = envelope.expiresAt - envelope.issuedAt;
  const maxLifetime = ctx.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS;
  if (lifetime <= 0 || lifetime > maxLifetime) {
    return reject('lifetime_too_long', `lifetime ${lifetime} ms is outside (0, ${maxLifetime}]`, id);
  }
  if (ctx.seen(id)) return reject('replayed', 'this command id was already executed', id);
  const action = envelope.action;
  const def = ACTIONS[action];
  if (def.kind !== 'trust' && !ctx.allowedActions.has(action)) {
    return reject('not_allowed', `action ${action} is not in this agent's allow-list`, id);
  }
  if (ctx.readOnly && def.kind === 'write') return reject('read_only', `agent is read-only; ${action} changes state`, id);
  const params = (def.params as z.ZodType).safeParse(envelope.params);
  if (!params.success) return reject('bad_params', `params: ${describeIssues(params.error)}`, id);
  if (def.target === 'node' && !envelope.nodeId) return reject('bad_params', `${action} needs a nodeId`, id);
  if (!ctx.knowsTarget(envelope.clusterId, envelope.nodeId)) {
    return reject('unknown_target', 'cluster or node is not watched by this agent', id);
  }
  return { ok: true, envelope, action, params: params.data as Record<string, unknown>, kind: def.kind };
}

function verifySignature(rawEnvelope: unknown, signature: Uint8Array, key: PinnedKey): boolean {
  try {
    return verifyBytes(canonicalEnvelopeBytes(rawEnvelope as CommandEnvelope), signature, key.publicKey, key.algorithm);
  } catch {
    return false; // not canonically encodable: cannot be what was signed
  }
}
