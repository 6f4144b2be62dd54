import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { importPrivateKey, importPublicKey, signingPublicKeySchema } from '@quorum/protocol';

/**
 * The agent's identity, written once by `enroll`: who it is, where its control plane is, its own
 * key pair, and the control plane's signing keys, pinned (commands are trusted only if signed by
 * one of them). Stored as `<stateDir>/identity.json`, mode 0600, in a 0700 directory.
 */
export const identitySchema = z.object({
  agentId: z.string().min(1),
  orgId: z.string().min(1),
  /** The control plane's base URL as given to `enroll`. */
  url: z.url(),
  websocketUrl: z.string().regex(/^wss?:\/\//, 'expected a ws:// or wss:// URL'),
  /** The agent's Ed25519 key pair, base64 DER (SPKI / PKCS#8). */
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  signingKeys: z.array(signingPublicKeySchema).min(1),
  enrolledAt: z.string(),
});
export type Identity = z.infer<typeof identitySchema>;

export const IDENTITY_FILE = 'identity.json';

export function identityPath(stateDir: string): string {
  return join(stateDir, IDENTITY_FILE);
}

export class IdentityExistsError extends Error {
  constructor(path: string) {
    super(`${path} already exists: this agent is enrolled. Use --force to enroll again (the old identity is replaced).`);
    this.name = 'IdentityExistsError';
  }
}

export type IdentityResult = { ok: true; identity: Identity; warnings: string[] } | { ok: false; error: string };

/** Reads and checks the stored identity. Never throws. */
export async function loadIdentity(stateDir: string): Promise<IdentityResult> {
  const path = identityPath(stateDir);
  let text: string;
  const warnings: string[] = [];
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) warnings.push(`${path} is accessible by group or others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `not enrolled: ${path} does not exist (run \`quorum-agent enroll --url URL --token TOKEN\`)` };
    return { ok: false, error: `cannot read ${path}: ${code ?? (e as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: `${path} is not valid JSON` };
  }
  const parsed = identitySchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, error: `${path} is not a valid identity: ${parsed.error.issues.map((i) => i.path.join('.') || '(file)').join(', ')}` };
  }
  try {
    importPrivateKey(parsed.data.privateKey);
    for (const k of parsed.data.signingKeys) importPublicKey(k.publicKey);
  } catch {
    return { ok: false, error: `${path} holds a key that cannot be read` };
  }
  return { ok: true, identity: parsed.data, warnings };
}

/**
 * Writes the identity atomically: a temp file created with mode 0600, synced, then renamed over
 * the target, in a state directory with mode 0700. Refuses to replace an existing identity unless
 * `force`.
 */
export async function saveIdentity(stateDir: string, identity: Identity, options: { force: boolean }): Promise<string> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await chmod(stateDir, 0o700);
  const path = identityPath(stateDir);
  if (!options.force && (await exists(path))) throw new IdentityExistsError(path);
  const tmp = join(stateDir, `.${IDENTITY_FILE}.${process.pid}.tmp`);
  await unlink(tmp).catch(() => {}); // a leftover of an interrupted run
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(identitySchema.parse(identity), null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  return path;
}

/** True when an identity file exists. */
export async function identityExists(stateDir: string): Promise<boolean> {
  return exists(identityPath(stateDir));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
