import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unreachableStatus } from '@quorum/protocol';
import { fixtureStatuses } from '../../../test/support/galera-fixtures';
import { describeStateChange, isNewerPoll } from './state-change';

test('observedAt decides before pollSeq (pollSeq restarts with the agent); the same poll is not newer', () => {
  assert.equal(isNewerPoll(undefined, { observedAt: 1, pollSeq: 0 }), true);
  assert.equal(isNewerPoll({ observedAt: 1_000, pollSeq: 900 }, { observedAt: 2_000, pollSeq: 1 }), true);
  assert.equal(isNewerPoll({ observedAt: 2_000, pollSeq: 1 }, { observedAt: 1_000, pollSeq: 901 }), false);
  assert.equal(isNewerPoll({ observedAt: 1_000, pollSeq: 5 }, { observedAt: 1_000, pollSeq: 6 }), true);
  assert.equal(isNewerPoll({ observedAt: 1_000, pollSeq: 5 }, { observedAt: 1_000, pollSeq: 5 }), false);
});

test('state changes read as a timeline line', () => {
  const healthy = fixtureStatuses('healthy-3.json');
  const minority = fixtureStatuses('partition-minority.json');
  const split = fixtureStatuses('split-brain-same-uuid.json');
  const down = unreachableStatus("ERROR 2002 (HY000): Can't connect to local server through socket (2)");
  assert.deepEqual(describeStateChange('node3', healthy.node3, down), {
    message: "node3: Synced → unreachable (ERROR 2002 (HY000): Can't connect to local server through socket (2))",
    severity: 'warning',
  });
  assert.equal(describeStateChange('node3', healthy.node3, minority.node3!).message, 'node3: Synced → non-Primary (Initialized)');
  assert.equal(describeStateChange('node3', undefined, healthy.node3!).message, 'node3: Synced');
  assert.equal(describeStateChange('node3', undefined, healthy.node3!).severity, 'info');
  // Synced on both sides of the split: what changed is the view underneath.
  assert.match(describeStateChange('node3', healthy.node3, split.node3!).message, /^node3: Synced, size 3 → 1, conf_id 3 → 1/);
});
