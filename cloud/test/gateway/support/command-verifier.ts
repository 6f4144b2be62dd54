import { ACTION_NAMES, importPublicKey, verifyCommand, type CloudMessage, type CommandVerdict, type SigningPublicKey } from '@quorum/protocol';

/**
 * What a real agent does with a `command` message, reduced to the verdict: the protocol's own
 * `verifyCommand` against the keys it pins, its org and agent id, and a replay store.
 */
export function commandVerifier(opts: { keys: readonly SigningPublicKey[]; orgId: string; agentId: string }) {
  const seen = new Set<string>();
  return (message: CloudMessage, remember = false): CommandVerdict => {
    const verdict = verifyCommand(message, {
      keys: opts.keys.map((k) => ({ keyId: k.keyId, algorithm: k.algorithm, publicKey: importPublicKey(k.publicKey) })),
      orgId: opts.orgId,
      agentId: opts.agentId,
      now: Date.now(),
      allowedActions: new Set(ACTION_NAMES),
      readOnly: false,
      seen: (id) => seen.has(id),
      knowsTarget: () => true,
    });
    if (verdict.ok && remember) seen.add(verdict.envelope.id);
    return verdict;
  };
}
