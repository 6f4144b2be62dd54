import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readOption, renderMyCnf, setOption } from '../src/config';
import { labNodes } from '../src/layout';

const nodes = labNodes(1, '/tmp/quorum-galera-lab/slot-1', 3);

test('my.cnf: node addresses, ports, peers, rsync SST bound to the node, tuned performance_schema', () => {
  const text = renderMyCnf({ node: nodes[1]!, peers: nodes, clusterName: 'lab-x', runAsUser: 'mysql' });
  const opt = (key: string) => readOption(text, 'mysqld', key);
  assert.equal(opt('user'), 'mysql');
  assert.equal(opt('bind-address'), '127.0.0.22');
  assert.equal(opt('port'), '23112');
  assert.equal(opt('socket'), '/tmp/quorum-galera-lab/slot-1/node2/mysqld.sock');
  assert.equal(opt('datadir'), '/tmp/quorum-galera-lab/slot-1/node2/data');
  assert.equal(opt('wsrep_cluster_name'), 'lab-x');
  assert.equal(opt('wsrep_cluster_address'), 'gcomm://127.0.0.21:23121,127.0.0.22:23122,127.0.0.23:23123');
  assert.equal(opt('wsrep_node_address'), '127.0.0.22:23122');
  assert.equal(opt('wsrep_node_incoming_address'), '127.0.0.22:23112');
  assert.equal(opt('wsrep_sst_method'), 'rsync');
  assert.equal(opt('wsrep_sst_receive_address'), '127.0.0.22:23142');
  assert.equal(
    opt('wsrep_provider_options'),
    'gmcast.listen_addr=tcp://127.0.0.22:23122;ist.recv_addr=127.0.0.22:23132;gcache.size=32M',
  );
  assert.equal(opt('performance_schema'), 'ON');
  assert.equal(opt('performance_schema_max_thread_instances'), '100');
  assert.equal(opt('skip-name-resolve'), '');
  assert.equal(readOption(text, 'sst', 'sockopt'), 'bind=127.0.0.22');
  assert.ok(!/127\.0\.0\.1[:\s]|3306|\/var\/lib\/mysql|\/run\/mysqld/.test(text), 'never the system instance');
});

test('my.cnf: no user= line when not root; bad cluster names are refused', () => {
  const text = renderMyCnf({ node: nodes[0]!, peers: nodes, clusterName: 'galera-lab', runAsUser: null });
  assert.equal(readOption(text, 'mysqld', 'user'), null);
  assert.throws(
    () => renderMyCnf({ node: nodes[0]!, peers: nodes, clusterName: 'a b\nc', runAsUser: null }),
    /clusterName must match/,
  );
});

test('setOption replaces, adds at the end of the section, removes, and round-trips to the same text', () => {
  const original = renderMyCnf({ node: nodes[2]!, peers: nodes, clusterName: 'galera-lab', runAsUser: 'mysql' });
  const bootstrapped = setOption(original, 'mysqld', 'wsrep_cluster_address', 'gcomm://');
  assert.equal(readOption(bootstrapped, 'mysqld', 'wsrep_cluster_address'), 'gcomm://');
  assert.equal(bootstrapped.split('\n').filter((l) => l.includes('wsrep_cluster_address')).length, 1);
  const restored = setOption(
    bootstrapped,
    'mysqld',
    'wsrep_cluster_address',
    readOption(original, 'mysqld', 'wsrep_cluster_address'),
  );
  assert.equal(readOption(restored, 'mysqld', 'wsrep_cluster_address'), readOption(original, 'mysqld', 'wsrep_cluster_address'));

  const added = setOption(original, 'mysqld', 'wsrep-slave-threads', '4');
  assert.equal(readOption(added, 'mysqld', 'wsrep_slave_threads'), '4', 'dash and underscore are the same option');
  assert.equal(readOption(added, 'sst', 'wsrep_slave_threads'), null, 'added to [mysqld], not to the last section');
  assert.ok(added.indexOf('wsrep-slave-threads') < added.indexOf('[sst]'));
  assert.equal(setOption(added, 'mysqld', 'wsrep_slave_threads', null), original, 'removing it gives the original back');
  assert.equal(setOption(original, 'mysqld', 'no_such_option', null), original);
});

test('setOption only edits the named section and refuses values that could inject lines', () => {
  const text = '[mysqld]\nport = 1\n[sst]\nport = 2\n';
  assert.equal(setOption(text, 'sst', 'port', '3'), '[mysqld]\nport = 1\n[sst]\nport = 3\n');
  assert.equal(setOption('[client]\nx = 1\n', 'mysqld', 'port', '5'), '[client]\nx = 1\n[mysqld]\nport = 5\n');
  assert.throws(() => setOption(text, 'mysqld', 'port', '1\n[client]'), /newlines/);
  assert.throws(() => setOption(text, 'mysqld', 'bad key', '1'), /bad option name/);
});
