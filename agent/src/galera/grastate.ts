import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeFileDurably } from '../fs/atomic-file';

/** What `grastate.dat` says about a node's place in the cluster history (GALERA.md §5). */
export interface Grastate {
  uuid: string;
  /** -1 while running, after SIGKILL or a failed start; the real seqno after a clean stop. */
  seqno: number;
  safeToBootstrap: boolean;
}

export const GRASTATE = 'grastate.dat';
export const GVWSTATE = 'gvwstate.dat';

/**
 * Parses grastate.dat; undefined when it has no uuid line.
 *
 * @example parseGrastate('uuid: 82e5…\nseqno: -1\nsafe_to_bootstrap: 0\n') // { uuid: '82e5…', seqno: -1, safeToBootstrap: false }
 */
export function parseGrastate(text: string): Grastate | undefined {
  const field = (name: string) => new RegExp(`^${name}:\\s*(\\S+)\\s*$`, 'm').exec(text)?.[1];
  const uuid = field('uuid');
  if (uuid === undefined) return undefined;
  const seqno = Number(field('seqno') ?? '-1');
  return { uuid: uuid.toLowerCase(), seqno: Number.isSafeInteger(seqno) ? seqno : -1, safeToBootstrap: field('safe_to_bootstrap') === '1' };
}

/** The node's grastate.dat, parsed; undefined when the file does not exist. */
export async function readGrastate(dataDir: string): Promise<Grastate | undefined> {
  const text = await readOptional(join(dataDir, GRASTATE));
  return text === undefined ? undefined : parseGrastate(text);
}

/** A file's text, or undefined when it does not exist. */
export async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Sets `safe_to_bootstrap: 1` (GALERA.md §7 step 5). The file is rewritten in place, not
 * replaced: a new file would belong to the agent's user, and mariadbd (user mysql) must keep
 * writing it.
 */
export async function markSafeToBootstrap(dataDir: string): Promise<void> {
  const path = join(dataDir, GRASTATE);
  const text = await readFile(path, 'utf8');
  const line = 'safe_to_bootstrap: 1';
  const next = /^safe_to_bootstrap:.*$/m.test(text) ? text.replace(/^safe_to_bootstrap:.*$/m, line) : `${text.replace(/\n?$/, '\n')}${line}\n`;
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(0);
    await handle.write(next, 0, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes grastate.dat so the next start takes a full SST (GALERA.md §6, the repair of a diverged node). */
export async function removeGrastate(dataDir: string): Promise<boolean> {
  const path = join(dataDir, GRASTATE);
  const existed = (await readOptional(path)) !== undefined;
  await removeFileDurably(path);
  return existed;
}
