import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slotLockPath } from '../src/layout';
import {
  acquireAnySlot,
  isStale,
  readSlotLock,
  releaseSlot,
  removeLabDir,
  tryAcquireSlot,
  updateSlotLock,
} from '../src/slots';

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'galera-lab-slots-'));
}

test('a slot is taken once (O_EXCL), names its owner, and is free again after release', () => {
  const root = tempRoot();
  try {
    const lock = tryAcquireSlot(4, { root });
    assert.ok(lock);
    assert.equal(lock.pid, process.pid);
    assert.equal(lock.baseDir, join(root, 'slot-4'));
    assert.deepEqual(JSON.parse(readFileSync(slotLockPath(4, root), 'utf8')).pid, process.pid);
    assert.equal(tryAcquireSlot(4, { root }), null, 'held by a live owner (us)');
    releaseSlot(lock, root);
    assert.equal(existsSync(slotLockPath(4, root)), false);
    assert.ok(tryAcquireSlot(4, { root }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a lock whose owner pid is dead is stale: reclaimed, its lab dir removed', () => {
  const root = tempRoot();
  try {
    const baseDir = join(root, 'slot-2');
    mkdirSync(join(baseDir, 'node1'), { recursive: true });
    writeFileSync(join(baseDir, 'lab.json'), '{}');
    const dead = deadPid();
    writeFileSync(slotLockPath(2, root), JSON.stringify({ pid: dead, startTime: 1, baseDir, persistent: false }));
    assert.equal(isStale(readSlotLock(2, root)), true);
    const lines: string[] = [];
    const lock = tryAcquireSlot(2, { root, log: (l) => lines.push(l) });
    assert.ok(lock, 'reclaimed');
    assert.equal(lock.pid, process.pid);
    assert.equal(existsSync(baseDir), false, 'the dead lab directory is gone');
    assert.match(lines.join('\n'), new RegExp(`reclaiming stale lab of dead pid ${dead}`));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a reused pid (same pid, other start time) is not the owner; a live owner and a persistent lab are not stale', () => {
  assert.equal(isStale({ slot: 0, baseDir: '/x', pid: process.pid, startTime: 1, persistent: false, createdAt: '' }), true);
  assert.equal(isStale({ slot: 0, baseDir: '/x', pid: process.pid, startTime: null, persistent: false, createdAt: '' }), false);
  assert.equal(isStale({ slot: 0, baseDir: '/x', pid: null, startTime: null, persistent: true, createdAt: '' }), false);
});

test('a persistent lock is never reclaimed; acquireAnySlot skips busy slots and slots its check refuses', async () => {
  const root = tempRoot();
  try {
    const first = tryAcquireSlot(0, { root });
    assert.ok(first);
    updateSlotLock({ ...first, pid: null, startTime: null, persistent: true }, root);
    assert.equal(readSlotLock(0, root)?.persistent, true);
    assert.equal(tryAcquireSlot(0, { root }), null);
    const refused: number[] = [];
    const next = await acquireAnySlot({
      root,
      accept: async (lock) => {
        if (lock.slot === 1) refused.push(lock.slot);
        return lock.slot !== 1;
      },
    });
    assert.equal(next.slot, 2);
    assert.deepEqual(refused, [1]);
    assert.equal(existsSync(slotLockPath(1, root)), false, 'a refused slot is released again');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('removeLabDir deletes only lab directories', () => {
  const root = tempRoot();
  try {
    const other = join(root, 'precious');
    mkdirSync(other);
    writeFileSync(join(other, 'keep.txt'), 'x');
    assert.throws(() => removeLabDir(other, root), /not a lab directory/);
    assert.equal(existsSync(join(other, 'keep.txt')), true);
    writeFileSync(join(other, 'lab.json'), '{}');
    removeLabDir(other, root);
    assert.equal(existsSync(other), false);
    mkdirSync(join(root, 'slot-3'));
    removeLabDir(join(root, 'slot-3'), root);
    assert.equal(existsSync(join(root, 'slot-3')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
