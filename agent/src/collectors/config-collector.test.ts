import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeConfigReportSchema, type GuardSettings, type NodeConfigReport } from '@quorum/protocol';
import { FakeSource, tempDir } from '../../test/helpers/fixtures';
import { silentLogger } from '../log';
import { ConfigCollector } from './config-collector';

class SettingsSource extends FakeSource {
  running: GuardSettings | undefined = { wsrep_cluster_address: 'gcomm://a,b,c', innodb_flush_log_at_trx_commit: '1' };
  async readSettings(): Promise<GuardSettings | undefined> {
    return this.running;
  }
}

describe('ConfigCollector', () => {
  let dir: { path: string; remove: () => Promise<void> };
  before(async () => {
    dir = await tempDir();
  });
  after(() => dir.remove());

  it('sends a report at first, then only when the files or the running settings change', async () => {
    const cnf = join(dir.path, 'node3.cnf');
    await writeFile(cnf, '[mysqld]\nwsrep_cluster_address = gcomm://a,b,c\nwsrep_sst_auth = root:pw\n');
    const source = new SettingsSource();
    const sent: NodeConfigReport[][] = [];
    let now = 1_000;
    const collector = new ConfigCollector({
      nodes: [{ cluster: 'c', node: 'node3', source, configFiles: [cnf] }, { cluster: 'c', node: 'node1', source: new FakeSource() }],
      intervalMs: 1000,
      sink: (r) => sent.push(r),
      log: silentLogger,
      now: () => now,
    });
    const first = await collector.check();
    assert.equal(first.length, 2, 'every node once, a node without files or running settings too');
    for (const r of first) assert.ok(nodeConfigReportSchema.safeParse(r).success);
    const node3 = first.find((r) => r.node === 'node3')!;
    assert.deepEqual(node3.configured?.settings, { wsrep_cluster_address: 'gcomm://a,b,c' });
    assert.deepEqual(node3.running, source.running);
    assert.ok(!JSON.stringify(first).includes('root:pw'));
    assert.equal(first.find((r) => r.node === 'node1')!.configured, null);

    now += 1000;
    assert.deepEqual(await collector.check(), [], 'nothing changed: nothing sent');

    // Configuration management writes an empty address; the server still runs the old one.
    await writeFile(cnf, "[mysqld]\nwsrep_cluster_address = 'gcomm://'\n");
    now += 1000;
    const changed = await collector.check();
    assert.equal(changed.length, 1);
    assert.equal(changed[0]!.configured?.settings.wsrep_cluster_address, 'gcomm://');
    assert.equal(changed[0]!.running?.wsrep_cluster_address, 'gcomm://a,b,c');

    source.running = undefined; // the node went down
    now += 1000;
    assert.equal((await collector.check())[0]?.running, null);

    now += 10 * 60_000; // the periodic refresh
    assert.equal((await collector.check()).length, 2);
    assert.equal(sent.length, 4);
  });
});
