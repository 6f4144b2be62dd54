import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultBaseDir, labNode, labNodes, MAX_NODES, MAX_SLOTS, nodeAddress, nodePorts, slotLockPath } from '../src/layout';

test('addresses follow 127.0.0.(10*(slot+1)+node) and never touch 127.0.0.1', () => {
  assert.equal(nodeAddress(0, 1), '127.0.0.11');
  assert.equal(nodeAddress(0, 9), '127.0.0.19');
  assert.equal(nodeAddress(1, 1), '127.0.0.21');
  assert.equal(nodeAddress(19, 9), '127.0.0.209');
  const all = new Set<string>();
  for (let s = 0; s < MAX_SLOTS; s++) for (let i = 1; i <= MAX_NODES; i++) all.add(nodeAddress(s, i));
  assert.equal(all.size, MAX_SLOTS * MAX_NODES);
  assert.ok(!all.has('127.0.0.1'));
  for (const a of all) assert.ok(Number(a.split('.')[3]) >= 11 && Number(a.split('.')[3]) <= 254, a);
});

test('every port of every slot and node is distinct, below the ephemeral range and off well-known ports', () => {
  const forbidden = new Set([3306, 5432, 6379, 5672, 1883, 4222, 8080, 4369, 25672]);
  const seen = new Map<number, string>();
  for (let s = 0; s < MAX_SLOTS; s++) {
    for (let i = 1; i <= MAX_NODES; i++) {
      const p = nodePorts(s, i);
      for (const [kind, port] of Object.entries(p)) {
        const owner = `slot ${s} node${i} ${kind}`;
        assert.ok(!seen.has(port), `${owner} collides with ${seen.get(port)}`);
        seen.set(port, owner);
        assert.ok(port >= 1024 && port < 32768, `${owner}: ${port}`);
        assert.ok(!forbidden.has(port), `${owner}: ${port}`);
      }
    }
  }
  assert.deepEqual(nodePorts(0, 1), { mysql: 23011, galera: 23021, ist: 23031, sst: 23041 });
  assert.deepEqual(nodePorts(3, 2), { mysql: 23312, galera: 23322, ist: 23332, sst: 23342 });
});

test('bad slots, node indexes and counts are rejected with the allowed range', () => {
  assert.throws(() => nodeAddress(20, 1), /slot must be an integer 0\.\.19/);
  assert.throws(() => nodePorts(-1, 1), /slot/);
  assert.throws(() => nodePorts(0, 0), /node index must be an integer 1\.\.9/);
  assert.throws(() => nodeAddress(0, 10), /node index/);
  assert.throws(() => labNodes(0, '/tmp/x', 0), /nodes must be an integer 1\.\.9/);
  assert.throws(() => labNodes(0, '/tmp/x', 1.5), /nodes must be/);
});

test('node files live under the lab directory; slot paths are fixed', () => {
  const n = labNode(2, '/tmp/quorum-galera-lab/slot-2', 3);
  assert.equal(n.name, 'node3');
  assert.equal(n.host, '127.0.0.33');
  assert.equal(n.port, 23213);
  assert.equal(n.galeraPort, 23223);
  assert.equal(n.dir, '/tmp/quorum-galera-lab/slot-2/node3');
  assert.equal(n.dataDir, '/tmp/quorum-galera-lab/slot-2/node3/data');
  assert.equal(n.socket, '/tmp/quorum-galera-lab/slot-2/node3/mysqld.sock');
  assert.equal(n.myCnf, '/tmp/quorum-galera-lab/slot-2/node3/my.cnf');
  assert.equal(n.errorLog, '/tmp/quorum-galera-lab/slot-2/node3/error.log');
  assert.equal(defaultBaseDir(7), '/tmp/quorum-galera-lab/slot-7');
  assert.equal(slotLockPath(7), '/tmp/quorum-galera-lab/slot-7.lock');
  assert.throws(() => labNode(0, `/tmp/${'x'.repeat(100)}`, 1), /socket path too long/);
});
