import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { algorithmOf, importPublicKey, signingPublicKeySchema, type PinnedKey, type SigningPublicKey } from '@quorum/protocol';
import { writeFileAtomic } from '../fs/atomic-file';
import { errorMessage, type Logger } from '../log';
import type { Identity } from './identity-store';

/**
 * The control plane's command-signing keys this agent trusts. Seeded from the enrollment
 * (identity.json's `signingKeys`) and changed only by a verified `update-signing-keys` command,
 * itself signed by a key pinned here. Stored as `<stateDir>/signing-keys.json` (0600, replaced
 * atomically), bound to the enrollment it was seeded from: a re-enrollment starts from the new
 * identity's keys again.
 */
export const KEYS_FILE = 'signing-keys.json';

/** hello.pinnedKeyIds carries at most 16 ids. */
export const MAX_USABLE_KEYS = 16;
/** Retired keys are kept (so their commands say `retired_key`, and they cannot come back) up to this many. */
const MAX_RETIRED_KEYS = 48;

const storedKeySchema = signingPublicKeySchema.extend({
  addedAt: z.number().int().nonnegative(),
  retiredAt: z.number().int().nonnegative().optional(),
});
type StoredKey = z.infer<typeof storedKeySchema>;

const fileSchema = z.object({
  version: z.literal(1),
  agentId: z.string(),
  enrolledAt: z.string(),
  keys: z.array(storedKeySchema),
});

/** Why a key change was refused; nothing was changed. */
export class KeyChangeError extends Error {
  readonly code: 'last_key' | 'unknown_key' | 'key_conflict' | 'bad_key' | 'too_many_keys';
  constructor(code: KeyChangeError['code'], message: string) {
    super(message);
    this.name = 'KeyChangeError';
    this.code = code;
  }
}

export interface KeyChange {
  add: readonly SigningPublicKey[];
  retire: readonly string[];
}

export interface KeyChangeResult {
  added: string[];
  retired: string[];
  /** Unretired key ids after the change. */
  pinned: string[];
}

export class KeyStore {
  readonly #path: string;
  readonly #identity: Pick<Identity, 'agentId' | 'enrolledAt'>;
  #keys: StoredKey[];
  #pinned: PinnedKey[];
  /** Changes run one at a time, each on the result of the last. */
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(path: string, identity: Pick<Identity, 'agentId' | 'enrolledAt'>, keys: StoredKey[]) {
    this.#path = path;
    this.#identity = identity;
    this.#keys = keys;
    this.#pinned = toPinned(keys);
  }

  /**
   * Loads the key set, or seeds it from the identity when there is none for this enrollment. A
   * file that cannot be read pins NOTHING (every command is then rejected `unknown_key`) rather
   * than falling back to the enrollment's keys, which could bring a retired key back.
   */
  static async open(options: { stateDir: string; identity: Identity; log: Logger; now?: number }): Promise<KeyStore> {
    const path = join(options.stateDir, KEYS_FILE);
    const { identity, log } = options;
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.error('cannot read the pinned signing keys; no command will be accepted until this is fixed', { path, error: errorMessage(e) });
        return new KeyStore(path, identity, []);
      }
    }
    if (text !== undefined) {
      const parsed = parseFile(text);
      if (!parsed) {
        log.error(`${path} is not a valid key set; no command will be accepted. Delete it to pin the enrollment's keys again`, { path });
        return new KeyStore(path, identity, []);
      }
      if (parsed.agentId === identity.agentId && parsed.enrolledAt === identity.enrolledAt) return new KeyStore(path, identity, parsed.keys);
      log.info('new enrollment: pinning its signing keys', { path });
    }
    const now = options.now ?? Date.now();
    const store = new KeyStore(path, identity, identity.signingKeys.map((k) => ({ ...k, addedAt: now })));
    await store.#save(store.#keys);
    return store;
  }

  /** Every pinned key, retired ones included (verification tells `retired_key` from `unknown_key`). */
  pinned(): readonly PinnedKey[] {
    return this.#pinned;
  }

  /** Ids of the keys commands may be signed with now (sent in hello). */
  usableKeyIds(now = Date.now()): string[] {
    return this.#keys.filter((k) => !isRetired(k, now)).map((k) => k.keyId);
  }

  /**
   * Adds and retires keys atomically: the new set is on disk before it is used. Refuses (and
   * changes nothing) when no usable key would remain, when a retired key would come back, or when
   * a key id would point at another key.
   */
  apply(change: KeyChange, now = Date.now()): Promise<KeyChangeResult> {
    const run = this.#chain.then(() => this.#apply(change, now));
    this.#chain = run.catch(() => {});
    return run;
  }

  async #apply(change: KeyChange, now: number): Promise<KeyChangeResult> {
    const next = this.#keys.map((k) => ({ ...k }));
    const added: string[] = [];
    for (const key of change.add) {
      checkKey(key);
      const existing = next.find((k) => k.keyId === key.keyId);
      if (existing) {
        if (existing.publicKey !== key.publicKey || existing.algorithm !== key.algorithm) {
          throw new KeyChangeError('key_conflict', `key id ${key.keyId} is already pinned for another key`);
        }
        if (isRetired(existing, now)) throw new KeyChangeError('key_conflict', `key ${key.keyId} was retired and cannot be pinned again`);
        continue; // already pinned: nothing to do
      }
      next.push({ keyId: key.keyId, algorithm: key.algorithm, publicKey: key.publicKey, addedAt: now });
      added.push(key.keyId);
    }
    const retired: string[] = [];
    for (const keyId of change.retire) {
      const key = next.find((k) => k.keyId === keyId);
      if (!key) throw new KeyChangeError('unknown_key', `key ${keyId} is not pinned`);
      if (isRetired(key, now)) continue;
      key.retiredAt = now;
      retired.push(keyId);
    }
    const usable = next.filter((k) => !isRetired(k, now));
    if (usable.length === 0) throw new KeyChangeError('last_key', 'refusing to retire the last usable signing key');
    if (usable.length > MAX_USABLE_KEYS) throw new KeyChangeError('too_many_keys', `at most ${MAX_USABLE_KEYS} usable keys`);
    const kept = pruneRetired(next, now);
    await this.#save(kept);
    this.#keys = kept;
    this.#pinned = toPinned(kept);
    return { added, retired, pinned: usable.map((k) => k.keyId) };
  }

  async #save(keys: StoredKey[]): Promise<void> {
    const file = { version: 1, agentId: this.#identity.agentId, enrolledAt: this.#identity.enrolledAt, keys };
    await writeFileAtomic(this.#path, `${JSON.stringify(file, null, 2)}\n`);
  }
}

function isRetired(key: StoredKey, now: number): boolean {
  return key.retiredAt !== undefined && key.retiredAt <= now;
}

function checkKey(key: SigningPublicKey): void {
  try {
    if (algorithmOf(importPublicKey(key.publicKey)) !== key.algorithm) throw new Error('algorithm');
  } catch {
    throw new KeyChangeError('bad_key', `key ${key.keyId} is not a ${key.algorithm} public key`);
  }
}

function pruneRetired(keys: StoredKey[], now: number): StoredKey[] {
  const retired = keys.filter((k) => isRetired(k, now)).sort((a, b) => (b.retiredAt ?? 0) - (a.retiredAt ?? 0));
  const drop = new Set(retired.slice(MAX_RETIRED_KEYS));
  return keys.filter((k) => !drop.has(k));
}

function toPinned(keys: StoredKey[]): PinnedKey[] {
  const out: PinnedKey[] = [];
  for (const k of keys) {
    try {
      out.push({ keyId: k.keyId, algorithm: k.algorithm, publicKey: importPublicKey(k.publicKey), ...(k.retiredAt !== undefined ? { retiredAt: k.retiredAt } : {}) });
    } catch {
      // An unreadable key verifies nothing; checkKey keeps them out, a hand-edited file may not.
    }
  }
  return out;
}

function parseFile(text: string): z.infer<typeof fileSchema> | undefined {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
