import type { SigningPublicKey } from '@quorum/protocol';

/**
 * The control plane's command-signing keys: a key file locally, KMS on AWS. Agents pin the public
 * halves at enrollment; the private halves never leave the signer.
 */
export interface Signer {
  /** Keys agents should trust now (the active one first, then ones not yet retired). */
  publicKeys(): Promise<SigningPublicKey[]>;
  /** Signs bytes with the active key. */
  sign(bytes: Uint8Array): Promise<{ keyId: string; signature: Uint8Array }>;
}
