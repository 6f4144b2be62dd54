import type { SigningPublicKey } from '@quorum/protocol';

/**
 * The control plane's command-signing keys: a key file locally, KMS on AWS. Agents pin the public
 * halves at enrollment and learn new ones through `update-signing-keys` commands; the private
 * halves never leave the signer. Signatures are in the protocol's form: Ed25519 raw, or ECDSA P-256
 * as IEEE P1363 (`r||s`) — a KMS adapter converts its DER with `derToP1363`.
 *
 * @example
 * const [active] = await signer.publicKeys();
 * const { keyId, signature } = await signer.sign(canonicalEnvelopeBytes(envelope), envelope.keyId);
 */
export interface Signer {
  /** Keys agents should trust now: the active one (newest) first, then older ones not yet retired. */
  publicKeys(): Promise<SigningPublicKey[]>;
  /** Ids of keys agents should stop trusting (retired by a rotation). Optional: none if absent. */
  retiredKeyIds?(): Promise<string[]>;
  /**
   * Signs bytes with `keyId` — any key the signer holds, retired ones included (a retired key may
   * still have to sign the update that tells an agent it is retired) — or with the active key.
   * Throws for a key id the signer does not hold.
   */
  sign(bytes: Uint8Array, keyId?: string): Promise<{ keyId: string; signature: Uint8Array }>;
}
