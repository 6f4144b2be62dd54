import { killLabProcessesSync } from './process';
import { readSlotLock, releaseSlot, removeLabDir } from './slots';

/**
 * Labs this process owns, killed if the process ends without destroying them (a crashed test,
 * Ctrl-C, the test runner's SIGTERM). Everything here is synchronous because an 'exit' handler
 * cannot wait. It finds processes by the lab directory in their command line, so it also catches
 * nodes a CLI started for this lab, and SST helpers.
 *
 * A SIGKILL of this process skips all of this; the slot's stale lock is then reclaimed by the next
 * `GaleraLab.create` (see slots.ts).
 */
interface Owned {
  slot: number;
  baseDir: string;
}

const owned = new Map<string, Owned>();
let installed = false;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function cleanupSync(): void {
  for (const lab of owned.values()) {
    try {
      // If someone else destroyed the lab (CLI) and the slot was taken again, the directory now
      // belongs to another lab: touch nothing that is not still ours.
      const lock = readSlotLock(lab.slot);
      if (lock === null || lock.pid !== process.pid || lock.baseDir !== lab.baseDir) continue;
      killLabProcessesSync(lab.baseDir);
      removeLabDir(lab.baseDir);
      releaseSlot(lab);
    } catch {
      // Best effort: on exit there is no one left to report to; a stale lock is reclaimed later.
    }
  }
  owned.clear();
}

function onSignal(sig: NodeJS.Signals): void {
  cleanupSync();
  // We took over the default action by listening; if no one else listens, die of the signal
  // as the process would have without us.
  if (process.listenerCount(sig) <= 1) {
    uninstall();
    process.kill(process.pid, sig);
  }
}

const handlers = new Map<NodeJS.Signals, () => void>(SIGNALS.map((sig) => [sig, () => onSignal(sig)]));

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupSync);
  for (const [sig, handler] of handlers) process.on(sig, handler);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.removeListener('exit', cleanupSync);
  for (const [sig, handler] of handlers) process.removeListener(sig, handler);
}

export function registerOwnedLab(lab: Owned): void {
  owned.set(lab.baseDir, { slot: lab.slot, baseDir: lab.baseDir });
  install();
}

export function unregisterOwnedLab(baseDir: string): void {
  owned.delete(baseDir);
  // Leave no listeners behind once nothing is owned: they would swallow the user's signals.
  if (owned.size === 0) uninstall();
}
