import type { SigningPublicKey } from '@quorum/protocol';

/**
 * Which command-signing key to use for an agent, and what to tell an agent whose pinned keys are
 * behind the signer's (a rotation, a retirement). Pure: the agent's pinned key ids come from its
 * hello, the keys from the signer (unretired ones active first; retired ids apart).
 */

/**
 * The key to sign an agent's command with: the active key if the agent pins it, otherwise the
 * newest unretired key it does pin (a rotation it has not learnt yet). Undefined: let the signer
 * use its active key (an agent that never said what it pins).
 *
 * @example
 * keyForAgent(['ed25519-aa'], [{ keyId: 'ed25519-bb', … }, { keyId: 'ed25519-aa', … }]) // 'ed25519-aa'
 */
export function keyForAgent(pinned: readonly string[] | null, keys: readonly SigningPublicKey[]): string | undefined {
  if (pinned === null) return undefined;
  return keys.find((k) => pinned.includes(k.keyId))?.keyId;
}

export interface TrustUpdate {
  add: SigningPublicKey[];
  retire: string[];
  /** A key the agent already pins, to sign the update with (the only kind it would believe). */
  signWith: string;
}

/**
 * What an agent is missing: unretired keys it does not pin, and retired keys it still pins —
 * signed with a key it trusts now (an unretired one if it pins any, else a retired one it still
 * pins: the agent has not been told it is retired, and this very update is what tells it).
 * Null when nothing is missing, or when the agent pins none of the signer's keys (it must be
 * enrolled again: nothing it would believe can be signed).
 */
export function trustUpdateFor(pinned: readonly string[], keys: readonly SigningPublicKey[], retired: readonly string[]): TrustUpdate | null {
  const add = keys.filter((k) => !pinned.includes(k.keyId));
  const retire = retired.filter((id) => pinned.includes(id));
  if (add.length === 0 && retire.length === 0) return null;
  const signWith = keys.find((k) => pinned.includes(k.keyId))?.keyId ?? retire[0];
  if (!signWith) return null;
  return { add, retire, signWith };
}

/** The agent's pinned ids after it applied an update. */
export function pinnedAfter(pinned: readonly string[], update: { add: ReadonlyArray<{ keyId: string }>; retire: readonly string[] }): string[] {
  return [...new Set([...pinned, ...update.add.map((k) => k.keyId)])].filter((id) => !update.retire.includes(id));
}
