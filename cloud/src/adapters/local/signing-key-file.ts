import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { generateEd25519KeyPair, keyIdFor } from '@quorum/protocol';

/**
 * The local host's command-signing keys, one JSON file (`<dataDir>/signing-key.json`, mode 0600):
 * every key it ever had, so agents that pin an old one can still be moved to a new one. The active
 * key is the newest one not retired. A rotation adds a key; a retirement marks old ones retired
 * (agents are told on their next hello, by a command signed with a key they still trust).
 *
 * The first version of this file held one key as a bare object; it is read as a one-key file.
 */
const keySchema = z.object({
  keyId: z.string().min(1).max(128),
  algorithm: z.literal('ed25519'),
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  createdAt: z.iso.datetime(),
  retiredAt: z.iso.datetime().optional(),
});
export type StoredSigningKey = z.infer<typeof keySchema>;

const fileSchema = z.union([
  z.object({ version: z.literal(2), keys: z.array(keySchema).min(1) }),
  keySchema.transform((key) => ({ version: 2 as const, keys: [key] })),
]);
export type SigningKeyFile = { version: 2; keys: StoredSigningKey[] };

export const signingKeyFilePath = (dataDir: string) => join(dataDir, 'signing-key.json');

export function newSigningKey(now: Date = new Date()): StoredSigningKey {
  const pair = generateEd25519KeyPair();
  return { keyId: keyIdFor('ed25519', pair.publicKey), algorithm: 'ed25519', ...pair, createdAt: now.toISOString() };
}

export function readSigningKeyFile(path: string): SigningKeyFile {
  try {
    return fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (cause) {
    throw new Error(`${path} is not a valid signing key file; move it away to generate a new key (agents must then be enrolled again)`, { cause });
  }
}

/** Writes the whole file atomically (a temporary file renamed over it), owner-only. */
export function writeSigningKeyFile(path: string, file: SigningKeyFile): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

/** Creates the file with one key if it does not exist; false if another process made it first. */
export function createSigningKeyFile(path: string, now = new Date()): StoredSigningKey | undefined {
  if (existsSync(path)) return undefined;
  const key = newSigningKey(now);
  try {
    writeFileSync(path, `${JSON.stringify({ version: 2, keys: [key] }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
}

/** The active key: the newest one not retired. */
export function activeKey(file: SigningKeyFile): StoredSigningKey | undefined {
  return unretiredKeys(file)[0];
}

/** Unretired keys, newest first. */
export function unretiredKeys(file: SigningKeyFile): StoredSigningKey[] {
  return file.keys.filter((k) => !k.retiredAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Adds a new key, which becomes the active one (what `npm run rotate-signing-key -w cloud` does).
 * Connected agents learn it on their next hello, through an `update-signing-keys` command signed
 * by a key they already pin; until then their commands are signed with a key they trust.
 */
export function rotateSigningKey(opts: { dataDir: string; now?: Date }): StoredSigningKey {
  const path = signingKeyFilePath(opts.dataDir);
  const first = createSigningKeyFile(path, opts.now);
  if (first) return first; // no key file yet: its first key is the new active key
  const file = readSigningKeyFile(path);
  const key = newSigningKey(opts.now);
  // createdAt orders keys: never let a new key sort before the current active one.
  const newest = file.keys.map((k) => k.createdAt).sort().at(-1);
  if (newest && key.createdAt <= newest) key.createdAt = new Date(Date.parse(newest) + 1).toISOString();
  writeSigningKeyFile(path, { version: 2, keys: [...file.keys, key] });
  return key;
}

/**
 * Retires keys: the given ids, or every unretired key but the active one. The active key cannot
 * be retired (something must sign); rotate first.
 */
export function retireSigningKeys(opts: { dataDir: string; keyIds?: string[]; now?: Date }): string[] {
  const path = signingKeyFilePath(opts.dataDir);
  const file = readSigningKeyFile(path);
  const active = activeKey(file);
  const wanted = opts.keyIds ?? unretiredKeys(file).slice(1).map((k) => k.keyId);
  for (const id of wanted) {
    if (!file.keys.some((k) => k.keyId === id)) throw new Error(`no signing key ${id} in ${path}`);
    if (id === active?.keyId) throw new Error(`${id} is the active signing key: rotate first (npm run rotate-signing-key -w cloud), then retire it`);
  }
  const at = (opts.now ?? new Date()).toISOString();
  const retired = file.keys.filter((k) => wanted.includes(k.keyId) && !k.retiredAt).map((k) => k.keyId);
  writeSigningKeyFile(path, { version: 2, keys: file.keys.map((k) => (retired.includes(k.keyId) ? { ...k, retiredAt: at } : k)) });
  return retired;
}
