import assert from 'node:assert/strict';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../test/helpers/fixtures';
import { silentLogger } from '../log';
import { REPLAY_DIR, ReplayStore } from './replay-store';

const ID = (n: number) => `0b9c0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const record = (n: number, expiresAt: number) => ({ id: ID(n), action: 'stop-node' as const, clusterId: 'clu_1', nodeId: 'nod_1', receivedAt: expiresAt - 60_000, expiresAt });
const outcome = (n: number) => ({ commandId: ID(n), state: 'succeeded' as const, at: 5, seq: 3, result: { ok: true } });

describe('replay store', () => {
  it('claims an id at once, is durable, and keeps the outcome across a reopen', async () => {
    const { path, remove } = await tempDir();
    try {
      const store = await ReplayStore.open({ stateDir: path, log: silentLogger, now: 0 });
      const written = store.begin(record(1, 100_000));
      assert.ok(store.has(ID(1)), 'claimed before the write finished');
      await written;
      assert.equal((await stat(join(path, REPLAY_DIR, `${ID(1)}.json`))).mode & 0o777, 0o600);
      await assert.rejects(store.begin(record(1, 100_000)), /already recorded/);
      let again = await ReplayStore.open({ stateDir: path, log: silentLogger, now: 0 });
      assert.deepEqual(again.unfinished().map((r) => r.id), [ID(1)]);
      await again.finish(ID(1), outcome(1));
      again = await ReplayStore.open({ stateDir: path, log: silentLogger, now: 0 });
      assert.deepEqual(again.get(ID(1))?.outcome, outcome(1));
      assert.deepEqual(again.unfinished(), []);
    } finally {
      await remove();
    }
  });

  it('prunes finished records once expiresAt + skew has passed, and only those', async () => {
    const { path, remove } = await tempDir();
    try {
      const store = await ReplayStore.open({ stateDir: path, log: silentLogger, skewMs: 30_000, now: 0 });
      await store.begin(record(1, 100_000));
      await store.finish(ID(1), outcome(1));
      await store.begin(record(2, 100_000)); // still running: never pruned
      await store.begin(record(3, 500_000));
      await store.finish(ID(3), outcome(3));
      assert.equal(await store.prune(129_999), 0);
      assert.equal(await store.prune(130_001), 1);
      assert.deepEqual([...(await readdir(join(path, REPLAY_DIR)))].sort(), [`${ID(2)}.json`, `${ID(3)}.json`]);
      assert.ok(!store.has(ID(1)) && store.has(ID(2)) && store.has(ID(3)));
    } finally {
      await remove();
    }
  });

  it('keeps an unreadable record claimed (the file name is the id) and drops half-written temp files', async () => {
    const { path, remove } = await tempDir();
    try {
      await ReplayStore.open({ stateDir: path, log: silentLogger });
      await writeFile(join(path, REPLAY_DIR, `${ID(7)}.json`), 'garbage');
      await writeFile(join(path, REPLAY_DIR, `.${ID(8)}.json.123.tmp`), '{');
      const store = await ReplayStore.open({ stateDir: path, log: silentLogger });
      assert.ok(store.has(ID(7)));
      assert.equal(store.get(ID(7))?.outcome?.state, 'failed');
      assert.ok(!store.has(ID(8)));
      assert.deepEqual(await readdir(join(path, REPLAY_DIR)), [`${ID(7)}.json`]);
    } finally {
      await remove();
    }
  });
});
