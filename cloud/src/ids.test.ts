import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ID_PATTERN, newMonotonicId } from './ids';

test('monotonic ids increase within one millisecond and when the clock steps back', () => {
  const ids = [newMonotonicId('aud', 1_000), newMonotonicId('aud', 1_000), newMonotonicId('aud', 1_000), newMonotonicId('aud', 999), newMonotonicId('aud', 2_000)];
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, ID_PATTERN);
});
