import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { chmodSync, statSync } from 'node:fs';
import { importPrivateKey, type SigningPublicKey } from '@quorum/protocol';
import type { Logger } from '../../ports/logger';
import type { Signer } from '../../ports/signer';
import {
  createSigningKeyFile,
  readSigningKeyFile,
  signingKeyFilePath,
  unretiredKeys,
  type SigningKeyFile,
} from './signing-key-file';

/**
 * The local host's command signer: the Ed25519 keys of `<dataDir>/signing-key.json` (0600),
 * generated on first start and reused after, so enrolled agents keep trusting them. The file is
 * read again whenever it changes, so a rotation done by `npm run rotate-signing-key -w cloud`
 * while the control plane runs takes effect without a restart.
 */
export function loadOrCreateKeyFileSigner(opts: { dataDir: string; log: Logger }): Signer {
  const path = signingKeyFilePath(opts.dataDir);
  const created = createSigningKeyFile(path);
  if (created) opts.log.info('generated the local command-signing key', { keyId: created.keyId });
  if ((statSync(path).mode & 0o077) !== 0) {
    opts.log.warn('signing key file was readable by others; restricting it to its owner', { file: path });
    chmodSync(path, 0o600);
  }
  let loaded: { stamp: string; file: SigningKeyFile; privateKeys: Map<string, KeyObject> } | undefined;
  const current = () => {
    const st = statSync(path);
    const stamp = `${st.ino}:${st.mtimeMs}:${st.size}`;
    if (loaded?.stamp !== stamp) {
      const file = readSigningKeyFile(path);
      if (unretiredKeys(file).length === 0) throw new Error(`${path} has no unretired signing key: rotate to add one`);
      loaded = { stamp, file, privateKeys: new Map(file.keys.map((k) => [k.keyId, importPrivateKey(k.privateKey)])) };
    }
    return loaded;
  };
  current(); // fail at start-up, not at the first command, if the file is bad
  return {
    async publicKeys(): Promise<SigningPublicKey[]> {
      return unretiredKeys(current().file).map((k) => ({ keyId: k.keyId, algorithm: k.algorithm, publicKey: k.publicKey }));
    },
    async retiredKeyIds(): Promise<string[]> {
      return current().file.keys.filter((k) => k.retiredAt).map((k) => k.keyId);
    },
    async sign(bytes, keyId) {
      const { file, privateKeys } = current();
      const id = keyId ?? unretiredKeys(file)[0]?.keyId;
      const privateKey = id === undefined ? undefined : privateKeys.get(id);
      if (!id || !privateKey) throw new Error(`the local signer holds no key ${keyId ?? '(active)'}`);
      return { keyId: id, signature: new Uint8Array(cryptoSign(null, bytes, privateKey)) };
    },
  };
}
