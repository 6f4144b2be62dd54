import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseStep, MAX_POINTS, metricsQuerySchema } from './metrics-query';

test('raw samples while every series fits; otherwise the smallest step that fits', () => {
  assert.equal(chooseStep({ from: 0, to: 3_600_000, longestSeries: 360 }), undefined);
  assert.equal(chooseStep({ from: 0, to: 31 * 86_400_000, longestSeries: 267_840 }), Math.ceil((31 * 86_400_000) / MAX_POINTS));
});

test('a requested step is kept unless it would exceed the point cap', () => {
  assert.equal(chooseStep({ from: 0, to: 3_600_000, step: 60_000, longestSeries: 0 }), 60_000);
  assert.equal(chooseStep({ from: 0, to: 86_400_000, step: 1000, longestSeries: 0 }), 43_200);
});

test('names are split, trimmed and de-duplicated', () => {
  const q = metricsQuerySchema.parse({ names: 'recv_queue, queries_per_s,recv_queue', from: '0', to: '10' });
  assert.deepEqual(q.names, ['recv_queue', 'queries_per_s']);
  assert.equal(q.from, 0);
});
