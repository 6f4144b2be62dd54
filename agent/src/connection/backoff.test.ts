import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBackoff } from './backoff';

describe('backoff', () => {
  it('grows exponentially up to the cap, jittered within [ceiling/2, ceiling]', () => {
    const lows = createBackoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => lows.next()), [50, 100, 200, 400, 500, 500]);
    const highs = createBackoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => highs.next()), [100, 200, 400, 800, 1000, 1000]);
  });

  it('draws different delays for different random values (jitter)', () => {
    const values = [0.1, 0.9];
    const b = createBackoff({ initialMs: 1000, maxMs: 60_000, random: () => values.shift() ?? 0 });
    const a = b.next();
    b.reset();
    const c = b.next();
    assert.equal(a, 550);
    assert.equal(c, 950);
  });

  it('reset starts over; exhaust jumps to the cap', () => {
    const b = createBackoff({ initialMs: 100, maxMs: 60_000, random: () => 0.999999 });
    b.next();
    b.next();
    b.reset();
    assert.equal(b.next(), 100);
    b.exhaust();
    assert.equal(b.next(), 60_000);
    assert.equal(b.next(), 60_000);
  });

  it('never overflows after very many attempts', () => {
    const b = createBackoff({ initialMs: 1, maxMs: 300_000, random: () => 0.5 });
    let last = 0;
    for (let i = 0; i < 10_000; i++) last = b.next();
    assert.equal(last, 225_000);
  });

  it('rejects nonsense bounds', () => {
    assert.throws(() => createBackoff({ initialMs: 0, maxMs: 10 }), RangeError);
    assert.throws(() => createBackoff({ initialMs: 100, maxMs: 10 }), RangeError);
  });
});
