import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Keys travel and are stored as base64 DER: SPKI for public keys, PKCS#8 for private keys. The
 * same encoding serves Ed25519 (agents, local signer) and ECDSA P-256 (AWS KMS).
 */
export const keyAlgorithmSchema = z.enum(['ed25519', 'ecdsa-p256']);
export type KeyAlgorithm = z.infer<typeof keyAlgorithmSchema>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64').max(2048);

/** A public key the control plane signs commands with, as handed to agents to pin. */
export const signingPublicKeySchema = z.object({
  keyId: z.string().min(1).max(128),
  algorithm: keyAlgorithmSchema,
  /** base64 DER SPKI */
  publicKey: base64,
});
export type SigningPublicKey = z.infer<typeof signingPublicKeySchema>;

export const publicKeyBase64Schema = base64.refine((b64) => {
  try {
    createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
    return true;
  } catch {
    return false;
  }
}, 'not a DER SPKI public key');

/** Generates an Ed25519 key pair, both halves base64 DER. */
export function generateEd25519KeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export function importPublicKey(spkiBase64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
}

export function importPrivateKey(pkcs8Base64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
}

/** The algorithm of an imported key, as this protocol names it (undefined for other kinds). */
export function algorithmOf(key: KeyObject): KeyAlgorithm | undefined {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  return undefined;
}
