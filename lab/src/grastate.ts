import { readFile, writeFile } from 'node:fs/promises';

/** What `grastate.dat` says about a node's position in the cluster history (GALERA.md §5). */
export interface Grastate {
  uuid: string;
  /** -1 while running, after SIGKILL or after a failed start; the real seqno after a clean stop. */
  seqno: number;
  safeToBootstrap: boolean;
}

/**
 * Parses grastate.dat text; null if it has no uuid line (not a grastate file).
 *
 * @example parseGrastate('uuid: 82e5…\nseqno: -1\nsafe_to_bootstrap: 0\n') // { uuid: '82e5…', seqno: -1, safeToBootstrap: false }
 */
export function parseGrastate(text: string): Grastate | null {
  const field = (name: string): string | null => {
    const match = new RegExp(`^${name}:\\s*(\\S+)\\s*$`, 'm').exec(text);
    return match ? match[1]! : null;
  };
  const uuid = field('uuid');
  if (uuid === null) return null;
  const seqno = Number(field('seqno') ?? '-1');
  return { uuid, seqno: Number.isInteger(seqno) ? seqno : -1, safeToBootstrap: field('safe_to_bootstrap') === '1' };
}

export async function readGrastateFile(path: string): Promise<Grastate | null> {
  try {
    return parseGrastate(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Sets `safe_to_bootstrap` in place. Writing the existing file (not replacing it) keeps its owner
 * (mysql), which mariadbd needs to update it later.
 */
export async function writeSafeToBootstrap(path: string, safe: boolean): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`galera-lab: cannot set safe_to_bootstrap: ${path} is missing`, { cause: error });
  }
  const line = `safe_to_bootstrap: ${safe ? 1 : 0}`;
  const next = /^safe_to_bootstrap:.*$/m.test(text)
    ? text.replace(/^safe_to_bootstrap:.*$/m, line)
    : `${text.replace(/\n?$/, '\n')}${line}\n`;
  await writeFile(path, next);
}
