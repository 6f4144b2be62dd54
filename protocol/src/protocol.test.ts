import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agentMessageSchema,
  computeMetrics,
  createConnectCredential,
  encodeMessage,
  generateEd25519KeyPair,
  importPrivateKey,
  importPublicKey,
  parseConnectCredential,
  parseMessage,
  toNodeStatus,
  verifyConnectCredential,
  MAX_MESSAGE_BYTES,
} from './index';

test('a connect credential verifies once, and not when tampered, stale or replayed', () => {
  const keys = generateEd25519KeyPair();
  const now = 1_800_000_000_000;
  const header = createConnectCredential({ agentId: 'agt_1', privateKey: importPrivateKey(keys.privateKey), now });
  const credential = parseConnectCredential(header);
  assert.ok(credential);
  const publicKey = importPublicKey(keys.publicKey);
  assert.deepEqual(verifyConnectCredential({ credential, publicKey, now, lastAcceptedTs: 0 }), { ok: true });
  assert.deepEqual(verifyConnectCredential({ credential, publicKey, now, lastAcceptedTs: now }), { ok: false, reason: 'replayed' });
  assert.deepEqual(verifyConnectCredential({ credential, publicKey, now: now + 120_000, lastAcceptedTs: 0 }), {
    ok: false,
    reason: 'expired',
  });
  assert.deepEqual(verifyConnectCredential({ credential, publicKey, now: now - 120_000, lastAcceptedTs: 0 }), {
    ok: false,
    reason: 'from_future',
  });
  const forged = { ...credential, agentId: 'agt_2' };
  assert.deepEqual(verifyConnectCredential({ credential: forged, publicKey, now, lastAcceptedTs: 0 }), {
    ok: false,
    reason: 'bad_signature',
  });
  const otherKey = importPublicKey(generateEd25519KeyPair().publicKey);
  assert.equal(verifyConnectCredential({ credential, publicKey: otherKey, now, lastAcceptedTs: 0 }).ok, false);
  assert.equal(parseConnectCredential('Bearer abc'), undefined);
});

test('parseMessage names what is wrong and never throws', () => {
  assert.equal(parseMessage('{', agentMessageSchema).ok, false);
  const unknown = parseMessage('{"type":"launch-missiles"}', agentMessageSchema);
  assert.equal(unknown.ok, false);
  assert.equal(!unknown.ok && unknown.code, 'unknown_type');
  const bad = parseMessage(
    JSON.stringify({ type: 'batch', batchId: '6f1c1c1e-8d8e-4a6b-9c57-1f0d6c3b9a10', createdAt: 1, samples: [{ cluster: 'c', node: 'bad name', observedAt: 1, values: {} }] }),
    agentMessageSchema,
  );
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.code === 'invalid_message' && bad.message.includes('samples.0.node'));
  assert.ok(!bad.ok && bad.batchId === '6f1c1c1e-8d8e-4a6b-9c57-1f0d6c3b9a10');
  const big = parseMessage('x'.repeat(MAX_MESSAGE_BYTES + 1), agentMessageSchema);
  assert.ok(!big.ok && big.code === 'too_large');
  assert.throws(() => encodeMessage({ type: 'heartbeat', sentAt: 1, pad: 'x'.repeat(MAX_MESSAGE_BYTES) } as never));
});

test('toNodeStatus keeps the conf id of a non-Primary node exact and splits the addresses', () => {
  const s = toNodeStatus({
    status: {
      wsrep_cluster_status: 'non-Primary',
      wsrep_cluster_conf_id: '18446744073709551615',
      wsrep_cluster_size: '1',
      wsrep_ready: 'OFF',
      wsrep_incoming_addresses: '127.0.0.13:33063',
    },
  });
  assert.equal(s.clusterConfId, '18446744073709551615');
  assert.equal(s.ready, false);
  assert.deepEqual(s.incomingAddresses, ['127.0.0.13:33063']);
});

test('computeMetrics turns counters into rates and skips a counter reset', () => {
  const a = { at: 0, status: { Questions: '100', wsrep_flow_control_paused_ns: '0', Threads_connected: '4' } };
  const b = { at: 10_000, status: { Questions: '150', wsrep_flow_control_paused_ns: '5000000000', Threads_connected: '6', wsrep_evs_repl_latency: '0.1/0.25/0.5/0.1/7' } };
  const m = computeMetrics(a, b);
  assert.equal(m.queries_per_s, 5);
  assert.equal(m.flow_control_paused, 0.5);
  assert.equal(m.connections, 6);
  assert.equal(m.replication_latency_s, 0.25);
  assert.equal(computeMetrics(b, { at: 20_000, status: { Questions: '3' } }).queries_per_s, undefined);
  assert.equal(computeMetrics(undefined, b).queries_per_s, undefined);
});
