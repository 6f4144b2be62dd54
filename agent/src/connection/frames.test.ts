import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_FRAME_BYTES } from '@quorum/protocol';
import { sendTextMessage } from './frames';

function recorder() {
  const frames: { data: Buffer; binary: boolean; fin: boolean }[] = [];
  return {
    frames,
    sink: { send: (data: string | Buffer, o: { binary: boolean; fin: boolean }) => frames.push({ data: Buffer.from(data), ...o }) },
  };
}

describe('sendTextMessage', () => {
  it('sends a small message as one final text frame', () => {
    const r = recorder();
    assert.equal(sendTextMessage(r.sink, '{"a":1}'), 1);
    assert.deepEqual(r.frames.map((f) => [f.data.toString(), f.binary, f.fin]), [['{"a":1}', false, true]]);
  });

  it('splits a message above 32 KB into text fragments of at most 32 KB, fin only on the last', () => {
    const r = recorder();
    const text = 'é'.repeat(50_000); // 100,000 bytes, characters split across fragment boundaries
    const n = sendTextMessage(r.sink, text);
    assert.equal(n, Math.ceil(100_000 / MAX_FRAME_BYTES));
    assert.ok(r.frames.every((f) => f.data.length <= MAX_FRAME_BYTES && !f.binary), 'r.frames.every((f) => f.data.length <= MAX_FRAME_BYTES && !f.binary)');
    assert.deepEqual(r.frames.map((f) => f.fin), [false, false, false, true]);
    assert.equal(Buffer.concat(r.frames.map((f) => f.data)).toString('utf8'), text);
  });

  it('a message of exactly one frame is not fragmented', () => {
    const r = recorder();
    sendTextMessage(r.sink, 'x'.repeat(MAX_FRAME_BYTES));
    assert.equal(r.frames.length, 1);
  });
});
