import { z } from 'zod';
import { ACTION_NAMES } from './actions';
import { canonicalJson } from './canonical';

/**
 * A command envelope: everything the agent needs to decide, offline, whether to act. It is
 * signed by the control plane (see `sign.ts`); the agent verifies it (`verify.ts`) against keys it
 * pinned at enrollment and its own local policy.
 *
 * @example
 * {
 *   id: '0b9c…', orgId: 'org_…', agentId: 'agt_…', clusterId: 'clu_…', nodeId: 'nod_…',
 *   action: 'restart-node', params: { allowLastSynced: false },
 *   issuedBy: 'usr_…', issuedAt: 1764158400000, expiresAt: 1764158520000, keyId: 'local-3f2a…'
 * }
 */
const id = z.string().min(1).max(64);

export const commandEnvelopeSchema = z
  .object({
    /** Unique per command; the agent executes an id at most once. */
    id: z.uuid(),
    orgId: id,
    agentId: id,
    clusterId: id,
    nodeId: id.optional(),
    action: z.enum(ACTION_NAMES),
    params: z.record(z.string(), z.unknown()),
    /** Who asked: a user id, an API token id, or `system:<job>` for orchestrated steps. */
    issuedBy: z.string().min(1).max(128),
    /** The second person who approved it, where the org's policy requires one. */
    approvedBy: z.string().min(1).max(128).optional(),
    issuedAt: z.number().int().nonnegative(),
    expiresAt: z.number().int().nonnegative(),
    /** The signing key's id, among those the agent pinned. */
    keyId: z.string().min(1).max(128),
  })
  .strict();
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

/** The message that carries a command to the agent. */
export const signedCommandSchema = z.object({
  type: z.literal('command'),
  envelope: z.unknown(),
  /** base64url; Ed25519 raw, or ECDSA P-256 as IEEE P1363 (r||s). */
  signature: z.string().regex(/^[A-Za-z0-9_-]+$/).max(200),
});
export type SignedCommand = { type: 'command'; envelope: CommandEnvelope; signature: string };

/** Domain separation: these bytes can never be mistaken for another signed thing. */
const DOMAIN = 'quorum-command/v1\n';

/**
 * The exact bytes that are signed: a domain prefix and the canonical JSON of the envelope.
 *
 * @example
 * canonicalEnvelopeBytes(envelope) // Uint8Array of 'quorum-command/v1\n{"action":"restart-node",…}'
 */
export function canonicalEnvelopeBytes(envelope: CommandEnvelope): Uint8Array {
  return Buffer.from(DOMAIN + canonicalJson(envelope), 'utf8');
}
