// What happens to a lab when its owning process ends without destroy(): the exit/signal safety
// net, and the stale-slot reclaim for an owner killed with SIGKILL.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { GaleraLab } from '../src/index';
import { slotLockPath } from '../src/layout';
import { findLabProcesses, isAlive, killLabProcessesSync, waitExit } from '../src/process';
import { isStale, readSlotLock, releaseSlot } from '../src/slots';

const T = { timeout: 120_000 };
const HOLDER = fileURLToPath(new URL('./fixtures/hold-lab.ts', import.meta.url));
const cleanup: Array<() => Promise<void>> = [];

after(async () => {
  for (const fn of cleanup) await fn().catch(() => {});
});

interface Held {
  child: ChildProcess;
  slot: number;
  baseDir: string;
  nodePid: number;
}

let holders = 0;

/** Starts a process owning a 1-node lab and waits for it to report the lab. */
async function holdLab(mode: 'wait' | 'exit'): Promise<Held> {
  // A directory of its own: slot directories are reused by other labs as soon as a slot is free.
  const dir = join(tmpdir(), `quorum-lab-holder-${process.pid}-${++holders}`);
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, mode, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  for await (const chunk of child.stdout!) {
    stdout += String(chunk);
    if (stdout.includes('\n')) break;
  }
  const line = stdout.split('\n')[0] ?? '';
  if (!line.startsWith('{')) throw new Error(`holder failed: ${stdout}${stderr}`);
  const info = JSON.parse(line) as Omit<Held, 'child'>;
  assert.equal(info.baseDir, dir);
  // Should anything below fail, still leave no lab behind (the directory is ours alone).
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    killLabProcessesSync(dir);
    rmSync(dir, { recursive: true, force: true });
    const lock = readSlotLock(info.slot);
    if (lock?.baseDir === dir) releaseSlot(lock);
  });
  return { child, ...info };
}

async function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  return { code: child.exitCode, signal: child.signalCode };
}

async function assertGone(held: Held): Promise<void> {
  assert.equal(isAlive(held.nodePid), false, 'the node was killed');
  assert.deepEqual(findLabProcesses(held.baseDir), []);
  assert.equal(existsSync(held.baseDir), false, 'the lab directory was removed');
  const lock = readSlotLock(held.slot);
  assert.ok(lock === null || lock.baseDir !== held.baseDir, 'the slot was released');
}

test('SIGTERM to the owner kills its nodes, removes the lab and frees the slot, then ends the process', T, async () => {
  const held = await holdLab('wait');
  assert.ok(isAlive(held.nodePid));
  held.child.kill('SIGTERM');
  assert.deepEqual(await exited(held.child), { code: null, signal: 'SIGTERM' }, 'the process still dies of the signal');
  await assertGone(held);
});

test('process.exit() without destroy() cleans up too', T, async () => {
  const held = await holdLab('exit');
  assert.deepEqual(await exited(held.child), { code: 0, signal: null });
  await assertGone(held);
});

test('a SIGKILLed owner leaves a stale slot; the next create on that slot kills the orphan and takes it', T, async (t) => {
  const held = await holdLab('wait');
  held.child.kill('SIGKILL');
  await exited(held.child);
  assert.ok(isAlive(held.nodePid), 'SIGKILL skips the safety net: the node is orphaned');
  const lock = readSlotLock(held.slot);
  assert.equal(lock?.baseDir, held.baseDir);
  assert.equal(isStale(lock), true, 'its owner is dead');

  const lines: string[] = [];
  let lab: GaleraLab | null = null;
  try {
    lab = await GaleraLab.create({ nodes: 1, slot: held.slot, log: (l) => lines.push(l) });
  } catch (error) {
    // Another test file's create may reach the stale slot first; then it did the reclaiming.
    if (!/is busy/.test((error as Error).message)) throw error;
  }
  assert.ok(await waitExit(held.nodePid, 15_000), 'the orphan was killed');
  if (lab === null) {
    t.diagnostic(`slot ${held.slot} was reclaimed by a concurrent create`);
    assert.notEqual(readSlotLock(held.slot)?.pid, held.child.pid);
    return;
  }
  const mine = lab;
  cleanup.push(() => mine.destroy());
  assert.match(lines.join('\n'), new RegExp(`slot ${held.slot}: reclaiming stale lab of dead pid ${held.child.pid}`));
  assert.equal(readSlotLock(held.slot)?.pid, process.pid);
  const [status] = await lab.status();
  assert.equal(status?.status.localStateComment, 'Synced');
  assert.notEqual(status?.pid, held.nodePid);
  await lab.destroy();
  assert.equal(existsSync(slotLockPath(held.slot)), false);
});
