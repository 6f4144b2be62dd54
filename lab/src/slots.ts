import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { defaultBaseDir, LAB_ROOT, MAX_SLOTS, slotLockPath, assertSlot } from './layout';
import { isAlive, killLabProcessesSync, processStartTime } from './process';

/**
 * One lock file per slot, created with O_EXCL, so labs of concurrent test files and engineers
 * never share addresses or ports. The lock names its owner (pid + start time, so a reused pid is
 * not mistaken for the owner) and the lab directory. A lock whose owner is dead is stale: the
 * next taker kills what the dead owner left running in that directory and removes it.
 *
 * A `persistent` lock (made by the CLI's `up`, whose process exits at once) has no owner and is
 * never reclaimed; `destroy` releases it.
 */
export interface SlotLock {
  slot: number;
  baseDir: string;
  pid: number | null;
  startTime: number | null;
  persistent: boolean;
  createdAt: string;
}

export interface SlotOptions {
  /** Where locks live; tests point it at a temporary directory. */
  root?: string;
  log?: (line: string) => void;
}

export function readSlotLock(slot: number, root = LAB_ROOT): SlotLock | null {
  try {
    const parsed = JSON.parse(readFileSync(slotLockPath(slot, root), 'utf8')) as Partial<SlotLock>;
    if (typeof parsed.baseDir !== 'string') return null;
    return {
      slot,
      baseDir: parsed.baseDir,
      pid: typeof parsed.pid === 'number' ? parsed.pid : null,
      startTime: typeof parsed.startTime === 'number' ? parsed.startTime : null,
      persistent: parsed.persistent === true,
      createdAt: typeof parsed.createdAt === 'string' ? parsed.createdAt : '',
    };
  } catch {
    return null;
  }
}

/** Stale = not persistent and the owner process is gone (or the lock is unreadable, i.e. torn). */
export function isStale(lock: SlotLock | null): boolean {
  if (lock === null) return true;
  if (lock.persistent) return false;
  return lock.pid === null || !isAlive(lock.pid, lock.startTime);
}

function ownLock(slot: number, baseDir: string): SlotLock {
  return {
    slot,
    baseDir,
    pid: process.pid,
    startTime: processStartTime(process.pid),
    persistent: false,
    createdAt: new Date().toISOString(),
  };
}

/**
 * The lock directory is shared by every user of the machine, like /tmp: world-writable and sticky,
 * so one user's labs cannot block another's from taking a free slot.
 */
function ensureLockRoot(root: string): void {
  mkdirSync(root, { recursive: true });
  const st = statSync(root);
  if ((st.mode & 0o1777) === 0o1777 || st.uid !== process.getuid?.()) return; // not ours to change
  chmodSync(root, 0o1777);
}

/** O_EXCL create; false if the file exists. */
function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Only one process may reclaim a slot at a time, or a slow reclaimer could delete the lock a fast
 * one has just re-created. The reclaim guard is itself a lock; a guard older than a minute is from
 * a crashed reclaimer.
 */
function withReclaimGuard<T>(slot: number, root: string, fn: () => T): T | undefined {
  const guard = `${slotLockPath(slot, root)}.reclaim`;
  if (!createExclusive(guard, String(process.pid))) {
    try {
      if (Date.now() - statSync(guard).mtimeMs < 60_000) return undefined;
      unlinkSync(guard);
    } catch {
      return undefined;
    }
    if (!createExclusive(guard, String(process.pid))) return undefined;
  }
  try {
    return fn();
  } finally {
    rmSync(guard, { force: true });
  }
}

/**
 * Tries to take `slot`. Returns the lock, or null if a live owner (or a persistent lab) holds it.
 * A stale lock is reclaimed: its lab processes are SIGKILLed and its directory removed.
 */
export function tryAcquireSlot(slot: number, options: SlotOptions & { baseDir?: string } = {}): SlotLock | null {
  assertSlot(slot);
  const root = options.root ?? LAB_ROOT;
  ensureLockRoot(root);
  const lockPath = slotLockPath(slot, root);
  const mine = ownLock(slot, options.baseDir ?? defaultBaseDir(slot, root));
  if (createExclusive(lockPath, JSON.stringify(mine))) return mine;

  const result = withReclaimGuard(slot, root, () => {
    const raw = readFileOrNull(lockPath);
    if (raw === null) return createExclusive(lockPath, JSON.stringify(mine)) ? mine : null;
    const lock = readSlotLock(slot, root);
    if (!isStale(lock)) return null;
    // A lock torn mid-write may be young: give its writer a moment before calling it stale.
    if (lock === null && Date.now() - statSync(lockPath).mtimeMs < 5_000) return null;
    if (lock !== null) {
      const killed = killLabProcessesSync(lock.baseDir, 10_000);
      options.log?.(
        `slot ${slot}: reclaiming stale lab of dead pid ${lock.pid ?? '?'} (${lock.baseDir})` +
          (killed.length > 0 ? `, killed ${killed.join(' ')}` : ''),
      );
      try {
        removeLabDir(lock.baseDir, root);
      } catch (error) {
        options.log?.(`slot ${slot}: ${(error as Error).message}`); // free the slot all the same
      }
    }
    unlinkSync(lockPath);
    return createExclusive(lockPath, JSON.stringify(mine)) ? mine : null;
  });
  return result ?? null;
}

function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Takes the first free (or stale) slot that `accept` agrees to (e.g. its ports are free); throws
 * when all 20 are busy.
 */
export async function acquireAnySlot(
  options: SlotOptions & { baseDir?: string; accept?: (lock: SlotLock) => Promise<boolean> } = {},
): Promise<SlotLock> {
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const lock = tryAcquireSlot(slot, options);
    if (lock === null) continue;
    let accepted = true;
    try {
      accepted = options.accept ? await options.accept(lock) : true;
    } catch (error) {
      releaseSlot(lock, options.root);
      throw error;
    }
    if (!accepted) {
      releaseSlot(lock, options.root);
      continue;
    }
    return lock;
  }
  throw new Error(
    `galera-lab: all ${MAX_SLOTS} slots are busy (locks in ${options.root ?? LAB_ROOT}); destroy a lab first`,
  );
}

/** Rewrites our lock (e.g. to make it persistent); it must still be ours. */
export function updateSlotLock(lock: SlotLock, root = LAB_ROOT): void {
  const current = readSlotLock(lock.slot, root);
  if (current === null || current.baseDir !== lock.baseDir) {
    throw new Error(`galera-lab: slot ${lock.slot} is no longer held for ${lock.baseDir}`);
  }
  // Write a new file and rename it over the lock, so no reader ever sees half a lock.
  const tmp = `${slotLockPath(lock.slot, root)}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  createExclusive(tmp, JSON.stringify(lock));
  renameSync(tmp, slotLockPath(lock.slot, root)); // atomic on one filesystem, replaces the target
}

/** Removes the lock if it still names this lab's directory (never someone else's lock). */
export function releaseSlot(lock: Pick<SlotLock, 'slot' | 'baseDir'>, root = LAB_ROOT): void {
  const current = readSlotLock(lock.slot, root);
  if (current !== null && current.baseDir === lock.baseDir) rmSync(slotLockPath(lock.slot, root), { force: true });
}

/** The file every lab directory has from its first moment; it marks a directory as ours to delete. */
export const LAB_MARKER = 'lab.json';

/**
 * Deletes a lab directory, but only one that is demonstrably a lab: the default directory of a
 * slot, or any directory holding our marker file. A torn or hand-edited lock must never make us
 * remove something else.
 */
export function removeLabDir(dir: string, root = LAB_ROOT): void {
  const isDefault = /^slot-\d+$/.test(basename(dir)) && dirname(dir) === root;
  if (!isAbsolute(dir) || dir === '/' || (!isDefault && !existsSync(join(dir, LAB_MARKER)))) {
    if (existsSync(dir)) throw new Error(`galera-lab: refusing to delete ${dir}: it is not a lab directory`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}
