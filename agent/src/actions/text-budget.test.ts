import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitPieces, truncateText } from './text-budget';

const bytes = (s: string) => Buffer.byteLength(s);

describe('text budget', () => {
  it('cuts to the byte limit with a marker, keeping the end of a log or the start of a list', () => {
    const log = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const tail = truncateText(log, 200, 'tail');
    assert.ok(bytes(tail) <= 200);
    assert.match(tail, /^\[… \d+ bytes truncated …\]\n/);
    assert.ok(tail.endsWith('line 999'));
    const head = truncateText(log, 200, 'head');
    assert.ok(head.startsWith('line 0') && bytes(head) <= 200);
    assert.equal(truncateText('short', 200, 'tail'), 'short');
  });

  it('never splits a multi-byte character', () => {
    const text = 'é€😀'.repeat(500);
    for (const keep of ['head', 'tail'] as const) {
      const cut = truncateText(text, 301, keep);
      assert.ok(bytes(cut) <= 301);
      assert.ok(!cut.includes('\uFFFD'), 'no replacement characters');
    }
  });

  it('shares a budget: small pieces stay whole, big ones get equal caps', () => {
    const pieces = [
      { text: 'a'.repeat(100), keep: 'head' as const },
      { text: 'b'.repeat(10_000), keep: 'tail' as const },
      { text: 'c'.repeat(10_000), keep: 'head' as const },
    ];
    const out = fitPieces(pieces, 2100);
    assert.equal(out[0], pieces[0]!.text);
    assert.ok(bytes(out[1]!) <= 1000 && bytes(out[2]!) <= 1000);
    assert.ok(out.reduce((n, s) => n + bytes(s), 0) <= 2100);
    assert.deepEqual(fitPieces(pieces.slice(0, 1), 2100), [pieces[0]!.text]);
  });
});
