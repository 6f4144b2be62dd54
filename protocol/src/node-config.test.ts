import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentMessageSchema, isTruthyOption, nodeConfigReportSchema, parseMessage, pickPcOptions } from './index';

const report = {
  cluster: 'shop',
  node: 'node3',
  observedAt: 1,
  configured: {
    files: [{ path: '/etc/mysql/my.cnf', readable: true, mtimeMs: 5 }],
    settings: { wsrep_cluster_address: 'gcomm://', providerOptions: { 'pc.ignore_sb': 'true' } },
  },
  running: { wsrep_cluster_address: 'gcomm://a,b,c', innodb_flush_log_at_trx_commit: '1' },
};

test('a config report rides in a batch; configs default to []', () => {
  const batch = { type: 'batch', batchId: '6f1c1c1e-8d8e-4a6b-9c57-1f0d6c3b9a10', createdAt: 1 };
  const only = parseMessage(JSON.stringify({ ...batch, configs: [report] }), agentMessageSchema);
  assert.ok(only.ok, JSON.stringify(only));
  const old = parseMessage(JSON.stringify({ ...batch, samples: [{ cluster: 'c', node: 'n', observedAt: 1, values: {} }] }), agentMessageSchema);
  assert.ok(old.ok && old.message.type === 'batch' && old.message.configs.length === 0);
  const empty = parseMessage(JSON.stringify(batch), agentMessageSchema);
  assert.equal(empty.ok, false);
});

test('only allow-listed settings and pc.* provider options are accepted', () => {
  assert.ok(nodeConfigReportSchema.safeParse(report).success);
  const leak = { ...report, running: { wsrep_sst_auth: 'root:secret' } };
  const r = nodeConfigReportSchema.safeParse(leak);
  assert.equal(r.success, false);
  const other = { ...report, running: { providerOptions: { 'socket.ssl_key': '/etc/key.pem' } } };
  assert.equal(nodeConfigReportSchema.safeParse(other).success, false);
  assert.equal(nodeConfigReportSchema.safeParse({ ...report, node: 'bad name' }).success, false);
});

test('pickPcOptions keeps pc.* keys of both the file and the server spelling, nothing else', () => {
  assert.deepEqual(pickPcOptions('gmcast.listen_addr=tcp://1.2.3.4:4567;pc.ignore_sb=true;pc.bootstrap=YES'), {
    'pc.ignore_sb': 'true',
    'pc.bootstrap': 'YES',
  });
  assert.deepEqual(pickPcOptions('base_dir = /var/lib/mysql/; socket.ssl_key = /k.pem; PC.Weight = 1; pc.ignore_sb = false'), {
    'pc.weight': '1',
    'pc.ignore_sb': 'false',
  });
  assert.deepEqual(pickPcOptions(''), {});
  assert.ok(isTruthyOption('YES') && isTruthyOption(' true') && isTruthyOption('1') && !isTruthyOption('false') && !isTruthyOption(undefined));
});
