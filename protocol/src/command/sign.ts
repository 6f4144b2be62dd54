import { createHash, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { algorithmOf, type KeyAlgorithm } from '../keys';
import { canonicalEnvelopeBytes, type CommandEnvelope, type SignedCommand } from './envelope';

/**
 * Signs and checks raw bytes in this protocol's signature format: Ed25519 as is; ECDSA P-256 over
 * SHA-256 in IEEE P1363 form (r||s, 64 bytes) — AWS KMS returns DER, which its adapter converts
 * with `derToP1363`.
 */
export function signBytes(bytes: Uint8Array, privateKey: KeyObject): Uint8Array {
  const algorithm = algorithmOf(privateKey);
  if (algorithm === 'ed25519') return nodeSign(null, bytes, privateKey);
  if (algorithm === 'ecdsa-p256') return nodeSign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  throw new Error('signBytes: only Ed25519 and ECDSA P-256 keys are supported');
}

export function verifyBytes(bytes: Uint8Array, signature: Uint8Array, publicKey: KeyObject, algorithm: KeyAlgorithm): boolean {
  try {
    if (algorithmOf(publicKey) !== algorithm) return false;
    if (algorithm === 'ed25519') return signature.length === 64 && nodeVerify(null, bytes, publicKey, signature);
    return signature.length === 64 && nodeVerify('sha256', bytes, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/**
 * Signs an envelope with a local private key (the local host's key file; tests).
 *
 * @example
 * const message = signCommand(envelope, privateKey); // { type: 'command', envelope, signature }
 */
export function signCommand(envelope: CommandEnvelope, privateKey: KeyObject): SignedCommand {
  return { type: 'command', envelope, signature: Buffer.from(signBytes(canonicalEnvelopeBytes(envelope), privateKey)).toString('base64url') };
}

/**
 * A stable key id for a public key: the algorithm and the first 16 hex digits of the SHA-256 of
 * its DER SPKI — so a pinned id can never silently point at another key.
 */
export function keyIdFor(algorithm: KeyAlgorithm, spkiBase64: string): string {
  const digest = createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex').slice(0, 16);
  return `${algorithm}-${digest}`;
}
