import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeQueueBody, encodeQueueBody, MAX_SQS_BODY_BYTES } from '../../src/adapters/aws/sqs-body';
import { ingestMessage, largestIngestMessage } from '../contracts/queue-messages';

// What SQS accepts in a body: #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD (#x10000+ on AWS, not on every
// compatible server).
const SQS_SAFE = /^[\t\n\r\x20-\ud7ff\ue000-\ufffd]*$/;

test('a body is JSON naming its queue, made of characters SQS accepts, and decodes to the same message', () => {
  const m = ingestMessage(1);
  const body = encodeQueueBody('ingest', m);
  assert.equal(JSON.parse(body).queue, 'ingest');
  assert.deepEqual(decodeQueueBody(body), { queue: 'ingest', message: m });
  const odd = largestIngestMessage('é😀\uffff数');
  const oddBody = encodeQueueBody('ingest', odd);
  assert.match(oddBody, SQS_SAFE);
  assert.deepEqual(decodeQueueBody(oddBody).message, odd);
});

test('the largest agent batch fits: as escaped JSON when it can, compressed when escaping would overflow', () => {
  const ascii = largestIngestMessage('x');
  const plain = encodeQueueBody('ingest', ascii);
  assert.ok(!('gzip' in JSON.parse(plain)));
  assert.ok(Buffer.byteLength(plain) <= MAX_SQS_BODY_BYTES);
  const emoji = largestIngestMessage('😀'); // 4 bytes raw, 12 escaped: 128 KiB → 384 KiB
  const packed = encodeQueueBody('ingest', emoji);
  assert.equal(typeof JSON.parse(packed).gzip, 'string');
  assert.ok(Buffer.byteLength(packed) <= MAX_SQS_BODY_BYTES);
  assert.match(packed, SQS_SAFE);
  assert.deepEqual(decodeQueueBody(packed).message, emoji);
});

test('anything else is refused as a poison message', () => {
  assert.throws(() => decodeQueueBody('nope'), /not JSON/);
  assert.throws(() => decodeQueueBody('{"message":{}}'), /no queue name/);
  assert.throws(() => decodeQueueBody('{"queue":"ingest"}'), /no message/);
});
