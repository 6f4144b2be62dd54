import { assertSlot, labNodes, LAB_ROOT } from './layout';
import { killLabProcessesSync } from './process';
import { busyPorts } from './setup';
import { acquireAnySlot, readSlotLock, releaseSlot, removeLabDir, tryAcquireSlot, type SlotLock } from './slots';

export function slotFromEnv(): number | undefined {
  const raw = process.env['QUORUM_LAB_SLOT'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const slot = Number(raw);
  assertSlotEnv(slot, raw);
  return slot;
}

function assertSlotEnv(slot: number, raw: string): void {
  try {
    assertSlot(slot);
  } catch (error) {
    throw new Error(`galera-lab: QUORUM_LAB_SLOT=${JSON.stringify(raw)} is not a slot 0..19`, { cause: error });
  }
}

/**
 * Takes the requested slot (busy → error naming the owner) or the first free one whose ports are
 * free too (something foreign on a port → try the next slot).
 */
export async function acquireSlot(options: {
  slot: number | undefined;
  baseDir: string | undefined;
  count: number;
  log: (line: string) => void;
}): Promise<SlotLock> {
  const { slot, baseDir, count, log } = options;
  const prepare = async (lock: SlotLock): Promise<string[]> => {
    // The default directory of a slot we now hold may hold leftovers of a lab whose lock vanished.
    if (baseDir === undefined) {
      killLabProcessesSync(lock.baseDir, 10_000);
      removeLabDir(lock.baseDir, LAB_ROOT);
    }
    return busyPorts(labNodes(lock.slot, lock.baseDir, count));
  };
  if (slot !== undefined) {
    const lock = tryAcquireSlot(slot, { baseDir, log });
    if (lock === null) {
      const holder = readSlotLock(slot);
      throw new Error(
        `galera-lab: slot ${slot} is busy (${holder?.persistent ? 'a persistent lab' : `pid ${holder?.pid ?? '?'}`}, ${holder?.baseDir ?? '?'}); ` +
          'destroy that lab or pick another slot',
      );
    }
    let busy: string[];
    try {
      busy = await prepare(lock);
    } catch (error) {
      releaseSlot(lock);
      throw error;
    }
    if (busy.length > 0) {
      releaseSlot(lock);
      throw new Error(`galera-lab: slot ${slot}: ports already in use: ${busy.join(', ')}`);
    }
    return lock;
  }
  return acquireAnySlot({
    baseDir,
    log,
    accept: async (lock) => {
      const busy = await prepare(lock);
      if (busy.length > 0) log(`slot ${lock.slot}: ports in use (${busy.join(', ')}), trying the next slot`);
      return busy.length === 0;
    },
  });
}
