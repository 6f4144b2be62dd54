import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { CommandUpdate } from '@quorum/protocol';
import { applyAgentUpdate, cancellation, shouldExpire, MAX_RUN_MS, type LifecycleRow } from './lifecycle';

const id = randomUUID();
const sent: LifecycleRow = { state: 'sent', agentState: null, agentSeq: null, startedAt: null };
const u = (state: CommandUpdate['state'], seq: number, extra: Partial<CommandUpdate> = {}): CommandUpdate => ({ commandId: id, state, seq, at: 1000 + seq, ...extra });

/** Applies updates in order, as the ingest does, and returns the states the row went through. */
function run(start: LifecycleRow, updates: CommandUpdate[]): string[] {
  let row = start;
  const states: string[] = [row.state];
  for (const update of updates) {
    const out = applyAgentUpdate(row, update, 5000);
    if (!out.apply) continue;
    row = { state: out.patch.state, agentState: out.patch.agentState, agentSeq: out.patch.agentSeq, startedAt: out.patch.startedAt };
    states.push(row.state);
  }
  return states;
}

test('accepted → running → succeeded maps to running, running, succeeded with timestamps', () => {
  const accepted = applyAgentUpdate(sent, u('accepted', 0), 5000);
  assert.ok(accepted.apply);
  assert.equal(accepted.patch.state, 'running');
  assert.equal(accepted.patch.startedAt, 5000);
  assert.equal(accepted.finished, false);
  const done = applyAgentUpdate({ ...sent, state: 'running', agentState: 'running', agentSeq: 3, startedAt: 5000 }, u('succeeded', 4, { result: { ok: 1 } }), 9000);
  assert.ok(done.apply);
  assert.equal(done.patch.state, 'succeeded');
  assert.equal(done.patch.startedAt, 5000);
  assert.equal(done.patch.finishedAt, 9000);
  assert.deepEqual(done.patch.result, { ok: 1 });
  assert.equal(done.finished, true);
});

test('updates never move a command backwards; a re-sent update is not applied twice', () => {
  assert.deepEqual(run(sent, [u('accepted', 0), u('running', 1), u('accepted', 0), u('running', 1), u('succeeded', 2), u('running', 3), u('failed', 4)]), [
    'sent', 'running', 'running', 'succeeded',
  ]);
  assert.deepEqual(run(sent, [u('succeeded', 2), u('running', 1)]), ['sent', 'succeeded'], 'late progress after the end is ignored');
});

test('a "replayed" rejection (the agent already had it: a cloud resend) never changes the outcome', () => {
  assert.deepEqual(run(sent, [u('accepted', 0), u('rejected', 0, { reason: 'replayed' }), u('succeeded', 3)]), ['sent', 'running', 'succeeded']);
  assert.deepEqual(run(sent, [u('rejected', 0, { reason: 'replayed' })]), ['sent']);
  assert.deepEqual(run(sent, [u('rejected', 0, { reason: 'expired' })]), ['sent', 'rejected'], 'other rejections are final');
});

test('the agent outcome replaces a cloud verdict (expired, cancelled) but not an agent one', () => {
  assert.deepEqual(run({ ...sent, state: 'expired' }, [u('succeeded', 5)]), ['expired', 'succeeded']);
  assert.deepEqual(run({ state: 'expired', agentState: 'running', agentSeq: 2, startedAt: 1 }, [u('failed', 3)]), ['expired', 'failed']);
  assert.deepEqual(run({ ...sent, state: 'cancelled' }, [u('accepted', 0)]), ['cancelled', 'running']);
  assert.deepEqual(run({ state: 'succeeded', agentState: 'succeeded', agentSeq: 2, startedAt: 1 }, [u('failed', 9)]), ['succeeded']);
});

test('expiry: undelivered after the envelope expires, unfinished long after', () => {
  assert.equal(shouldExpire({ state: 'queued', expiresAt: 100 }, 100), true);
  assert.equal(shouldExpire({ state: 'sent', expiresAt: 100 }, 99), false);
  assert.equal(shouldExpire({ state: 'awaiting_approval', expiresAt: 100 }, 101), true);
  assert.equal(shouldExpire({ state: 'running', expiresAt: 100 }, 101), false);
  assert.equal(shouldExpire({ state: 'running', expiresAt: 100 }, 100 + MAX_RUN_MS), true);
  assert.equal(shouldExpire({ state: 'succeeded', expiresAt: 100 }, 1e12), false);
});

test('cancellation by state', () => {
  assert.equal(cancellation({ state: 'awaiting_approval', agentState: null }), 'cancel');
  assert.equal(cancellation({ state: 'queued', agentState: null }), 'cancel');
  assert.equal(cancellation({ state: 'sent', agentState: null }), 'cancel_and_tell_agent');
  assert.equal(cancellation({ state: 'running', agentState: 'accepted' }), 'tell_agent');
  assert.equal(cancellation({ state: 'failed', agentState: 'failed' }), 'too_late');
});
