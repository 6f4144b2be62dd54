import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretBox } from '../../ports/secret-box';

/**
 * The AWS host's secret box: KMS Encrypt/Decrypt with a symmetric key, the context passed as the
 * KMS encryption context (so CloudTrail shows which organization's secret was opened, and a value
 * moved to another row does not decrypt). A sealed value is `v1.kms.<ciphertext blob, base64url>`;
 * the blob names its key, so a rotated key (KMS keeps old material) still opens old values.
 * Secrets are a few hundred bytes: no data-key envelope is needed (KMS takes up to 4 KB).
 */
export function kmsSecretBox(opts: { client: Pick<KMSClient, 'send'>; keyId: string }): SecretBox {
  return {
    async seal(plaintext, context) {
      const out = await opts.client.send(new EncryptCommand({ KeyId: opts.keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: { ...context } }));
      if (!out.CiphertextBlob) throw new Error('KMS Encrypt returned no ciphertext');
      return `v1.kms.${Buffer.from(out.CiphertextBlob).toString('base64url')}`;
    },
    async open(sealed, context) {
      const [version, kind, blob, ...rest] = sealed.split('.');
      if (version !== 'v1' || kind !== 'kms' || !blob || rest.length > 0) throw new Error('not a value sealed by the KMS secret box');
      const out = await opts.client.send(
        new DecryptCommand({ KeyId: opts.keyId, CiphertextBlob: Buffer.from(blob, 'base64url'), EncryptionContext: { ...context } }),
      );
      if (!out.Plaintext) throw new Error('KMS Decrypt returned no plaintext');
      return Buffer.from(out.Plaintext).toString('utf8');
    },
  };
}
