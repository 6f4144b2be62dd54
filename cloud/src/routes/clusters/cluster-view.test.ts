import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Health } from '../../core/galera/types';
import { compareClusters } from './cluster-view';

test('worst health first, then by name', () => {
  const list: Array<{ name: string; health: Health }> = [
    { name: 'b', health: 'healthy' },
    { name: 'a', health: 'healthy' },
    { name: 'u', health: 'unknown' },
    { name: 'd', health: 'degraded' },
    { name: 'n', health: 'no_primary' },
    { name: 's', health: 'split_brain' },
  ];
  assert.deepEqual(list.sort(compareClusters).map((c) => c.name), ['s', 'n', 'd', 'u', 'a', 'b']);
});
