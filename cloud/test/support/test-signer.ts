import { sign } from 'node:crypto';
import { generateEd25519KeyPair, importPrivateKey, keyIdFor, type SigningPublicKey } from '@quorum/protocol';
import type { Signer } from '../../src/ports/signer';

const SIGNING = generateEd25519KeyPair();

/** The one command-signing key of tests that do not rotate keys (an agent pins it to verify). */
export const TEST_SIGNING_KEY: SigningPublicKey = { keyId: keyIdFor('ed25519', SIGNING.publicKey), algorithm: 'ed25519', publicKey: SIGNING.publicKey };

/** A signer holding only {@link TEST_SIGNING_KEY}. */
export const fixedSigner: Signer = {
  async publicKeys() {
    return [TEST_SIGNING_KEY];
  },
  async retiredKeyIds() {
    return [];
  },
  async sign(bytes, keyId) {
    if (keyId !== undefined && keyId !== TEST_SIGNING_KEY.keyId) throw new Error(`test signer holds no key ${keyId}`);
    return { keyId: TEST_SIGNING_KEY.keyId, signature: new Uint8Array(sign(null, bytes, importPrivateKey(SIGNING.privateKey))) };
  },
};
