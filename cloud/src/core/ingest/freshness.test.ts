import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureStatuses } from '../../../test/support/galera-fixtures';
import { observeNodes, type NodeRow } from './freshness';

const T = 90_000;
const status = fixtureStatuses('healthy-3.json').node1!;
const row = (over: Partial<NodeRow>): NodeRow => ({
  nodeId: 'n1',
  name: 'node1',
  address: 'a',
  status,
  pollSeq: 1,
  observedAt: 1_000_000,
  agentConnected: true,
  agentLastSeenAt: 1_000_000,
  ...over,
});

test('fresh while observed within the threshold and the agent is connected', () => {
  const now = 1_000_000 + T - 1;
  const { observations, reassessAt } = observeNodes([row({})], { now, offlineAfterMs: T });
  assert.equal(observations[0]?.fresh, true);
  assert.equal(reassessAt, 1_000_000 + T);
  assert.equal(observeNodes([row({})], { now: 1_000_000 + T, offlineAfterMs: T }).observations[0]?.fresh, false);
});

test('a disconnected agent keeps its nodes fresh only for the grace period after it was last seen', () => {
  const r = row({ observedAt: 1_050_000, agentConnected: false, agentLastSeenAt: 1_020_000 });
  const { observations, reassessAt } = observeNodes([r], { now: 1_060_000, offlineAfterMs: T });
  assert.equal(observations[0]?.fresh, true);
  assert.equal(reassessAt, 1_020_000 + T);
  assert.equal(observeNodes([row({ agentConnected: false, agentLastSeenAt: null })], { now: 1_000_001, offlineAfterMs: T }).observations[0]?.fresh, false);
});

test('never-reported nodes are not fresh and nothing is scheduled for them', () => {
  const { observations, reassessAt } = observeNodes([row({ status: null, observedAt: null, pollSeq: null })], { now: 0, offlineAfterMs: T });
  assert.equal(observations[0]?.fresh, false);
  assert.equal(reassessAt, null);
});
