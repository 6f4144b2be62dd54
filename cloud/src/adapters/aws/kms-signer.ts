import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { derToP1363, keyIdFor, type SigningPublicKey } from '@quorum/protocol';
import type { Signer } from '../../ports/signer';

/** KMS signs at most 4096 bytes with MessageType RAW. */
export const KMS_RAW_MESSAGE_LIMIT = 4096;

/**
 * The AWS command signer: asymmetric KMS keys (`ECC_NIST_P256`, `SIGN_VERIFY`) whose private halves
 * never leave KMS. `keyIds` lists the keys agents should trust, the active one first (a rotation
 * adds a key at the front and retires the old one later); `publicKeys()` fetches each public key
 * once per container (`GetPublicKey`: DER SPKI) and names it with the protocol's `keyIdFor`, the
 * id agents pin. `sign` asks KMS for ECDSA_SHA_256 over the RAW bytes — KMS hashes them — and
 * converts the DER signature KMS returns into the P1363 form commands carry.
 *
 * @example
 * const signer = kmsSigner({ client: new KMSClient({}), keyIds: ['alias/quorum-command-signing'] });
 * const { keyId, signature } = await signer.sign(canonicalEnvelopeBytes(envelope)); // 64-byte r||s
 */
export function kmsSigner(opts: { client: Pick<KMSClient, 'send'>; keyIds: readonly string[] }): Signer {
  if (opts.keyIds.length === 0) throw new Error('kmsSigner: no KMS key ids (set KMS_SIGNING_KEY_IDS)');
  const cache = new Map<string, Promise<SigningPublicKey>>();
  const publicKeyOf = (kmsKeyId: string): Promise<SigningPublicKey> => {
    let pending = cache.get(kmsKeyId);
    if (!pending) {
      pending = fetchPublicKey(opts.client, kmsKeyId);
      cache.set(kmsKeyId, pending);
      pending.catch(() => cache.delete(kmsKeyId)); // a failed fetch is tried again next time
    }
    return pending;
  };
  const active = opts.keyIds[0] as string;
  return {
    publicKeys: () => Promise.all(opts.keyIds.map(publicKeyOf)),
    async sign(bytes) {
      if (bytes.length > KMS_RAW_MESSAGE_LIMIT) {
        throw new RangeError(`cannot sign ${bytes.length} bytes with KMS: MessageType RAW takes at most ${KMS_RAW_MESSAGE_LIMIT}`);
      }
      const [published, out] = await Promise.all([
        publicKeyOf(active),
        opts.client.send(new SignCommand({ KeyId: active, Message: bytes, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' })),
      ]);
      if (!out.Signature) throw new Error(`KMS returned no signature for key ${active}`);
      return { keyId: published.keyId, signature: derToP1363(out.Signature, 32) };
    },
  };
}

async function fetchPublicKey(client: Pick<KMSClient, 'send'>, kmsKeyId: string): Promise<SigningPublicKey> {
  const out = await client.send(new GetPublicKeyCommand({ KeyId: kmsKeyId }));
  if (out.KeySpec !== 'ECC_NIST_P256' || out.KeyUsage !== 'SIGN_VERIFY' || !out.PublicKey) {
    throw new Error(`KMS key ${kmsKeyId} is ${out.KeySpec ?? '?'}/${out.KeyUsage ?? '?'}: command signing needs an ECC_NIST_P256 SIGN_VERIFY key`);
  }
  const spki = Buffer.from(out.PublicKey).toString('base64');
  return { keyId: keyIdFor('ecdsa-p256', spki), algorithm: 'ecdsa-p256', publicKey: spki };
}
