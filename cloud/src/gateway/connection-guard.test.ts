import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionGuard } from './connection-guard';
import { DEFAULT_GATEWAY_LIMITS } from './limits';

test('10 invalid messages within a minute close the connection; spread out they do not', () => {
  const guard = new ConnectionGuard(DEFAULT_GATEWAY_LIMITS);
  for (let i = 0; i < 9; i++) assert.equal(guard.noteInvalid(i * 1000), undefined);
  assert.equal(guard.noteInvalid(9_000), 'too many invalid messages');

  const patient = new ConnectionGuard(DEFAULT_GATEWAY_LIMITS);
  for (let i = 0; i < 50; i++) assert.equal(patient.noteInvalid(i * 7_000), undefined, `message ${i}`);
});

test('a sustained rate above the limit closes the connection; the window starts again after', () => {
  const limits = { ...DEFAULT_GATEWAY_LIMITS, maxMessagesPerWindow: 5, rateWindowMs: 1_000 };
  const guard = new ConnectionGuard(limits);
  for (let i = 0; i < 5; i++) assert.equal(guard.noteMessage(100 + i), undefined);
  assert.equal(guard.noteMessage(200), 'message rate too high');
  const next = new ConnectionGuard(limits);
  for (let s = 0; s < 10; s++) for (let i = 0; i < 5; i++) assert.equal(next.noteMessage(s * 1_000 + i), undefined);
});
