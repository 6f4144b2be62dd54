import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { encodeMessage } from '@quorum/protocol';
import { tempDir, syncedStatus } from '../../test/helpers/fixtures';
import { silentLogger } from '../log';
import { Spool } from './spool';

function batch(n: number): { batchId: string; text: string } {
  const batchId = randomUUID();
  const text = encodeMessage({
    type: 'batch',
    batchId,
    createdAt: 1_700_000_000_000 + n,
    states: [{ cluster: 'c1', node: 'n1', pollSeq: n, observedAt: 1_700_000_000_000 + n, changed: true, status: syncedStatus(['n1']) }],
    samples: [],
  });
  return { batchId, text };
}

describe('spool', () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  const open = (maxBatches = 100, maxBytes = 64 * 1024 * 1024) =>
    Spool.open({ dir: join(dir.path, 'spool'), maxBatches, maxBytes, log: silentLogger });

  it('keeps batches in creation order and deletes acked ones', async () => {
    const spool = await open();
    const bs = [batch(1), batch(2), batch(3)];
    for (const b of bs) await spool.append(b.batchId, b.text);
    assert.deepEqual(spool.entries().map((e) => e.batchId), bs.map((b) => b.batchId));
    assert.equal(await spool.read(spool.entries()[1]!), bs[1]!.text);
    assert.equal(await spool.remove(bs[1]!.batchId), true);
    assert.equal(await spool.remove(bs[1]!.batchId), false);
    assert.deepEqual(spool.entries().map((e) => e.batchId), [bs[0]!.batchId, bs[2]!.batchId]);
    assert.equal((await readdir(join(dir.path, 'spool'))).length, 2);
  });

  it('is bounded by count: drops the oldest and counts the drops', async () => {
    const spool = await open(10);
    const bs = Array.from({ length: 25 }, (_, i) => batch(i));
    for (const b of bs) await spool.append(b.batchId, b.text);
    assert.equal(spool.stats().count, 10);
    assert.equal(spool.stats().dropped, 15);
    assert.deepEqual(spool.entries().map((e) => e.batchId), bs.slice(15).map((b) => b.batchId));
    assert.equal((await readdir(join(dir.path, 'spool'))).length, 10);
  });

  it('is bounded by bytes', async () => {
    const one = batch(0).text.length;
    const spool = await open(1000, 1024 * 1024);
    const n = Math.ceil((1024 * 1024) / one) + 5;
    for (let i = 0; i < n; i++) {
      const b = batch(i);
      await spool.append(b.batchId, b.text);
    }
    assert.ok(spool.stats().bytes <= 1024 * 1024, 'spool.stats().bytes <= 1024 * 1024');
    assert.ok(spool.stats().dropped >= 5, JSON.stringify(spool.stats()));
  });

  it('survives a restart: a new instance finds the batches in order and continues the sequence', async () => {
    const first = await open();
    const bs = [batch(1), batch(2), batch(3)];
    for (const b of bs) await first.append(b.batchId, b.text);
    const second = await open();
    assert.equal(second.stats().loaded, 3);
    assert.deepEqual(second.entries().map((e) => e.batchId), bs.map((b) => b.batchId));
    const later = batch(4);
    await second.append(later.batchId, later.text);
    assert.equal(second.entries().at(-1)!.batchId, later.batchId);
    assert.ok(second.entries().at(-1)!.seq > second.entries()[2]!.seq, 'second.entries().at(-1)!.seq > second.entries()[2]!.seq');
  });

  it('sets corrupt files aside as .bad and removes leftover temp files, without failing', async () => {
    const first = await open();
    const good = batch(1);
    await first.append(good.batchId, good.text);
    const spoolDir = join(dir.path, 'spool');
    await writeFile(join(spoolDir, `0000000000000007-${randomUUID()}.json`), '{"type":"batch", trunc');
    await writeFile(join(spoolDir, `0000000000000008-${randomUUID()}.json`), JSON.stringify({ type: 'batch', batchId: 'x' }));
    await writeFile(join(spoolDir, '.0000000000000009-x.json.tmp'), 'partial');
    const second = await open();
    assert.equal(second.stats().corrupt, 2);
    assert.deepEqual(second.entries().map((e) => e.batchId), [good.batchId]);
    const names = await readdir(spoolDir);
    assert.equal(names.filter((n) => n.endsWith('.bad')).length, 2);
    assert.equal(names.filter((n) => n.endsWith('.tmp')).length, 0);
  });
});
