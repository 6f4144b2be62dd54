import { gunzipSync, gzipSync } from 'node:zlib';
import type { QueueMessages, QueueName } from '../../ports/queue';

/**
 * SQS's limit on one message body (the long-standing 256 KiB; queues are created with it). The
 * largest message is an agent batch — at most 128 KiB as the agent sent it, a little less once
 * re-serialized — plus this envelope, so it fits with room to spare; the compressed form below
 * covers bodies that grow when escaped.
 */
export const MAX_SQS_BODY_BYTES = 256 * 1024;

/** What travels in an SQS body: the queue name (so one consumer can serve many queues) and the message. */
export interface QueueEnvelope<Q extends QueueName = QueueName> {
  queue: Q;
  message: QueueMessages[Q];
}

/**
 * Serializes a message for SQS. SQS accepts only #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD
 * #x10000–#x10FFFF, and some SQS-compatible servers not even the last range; JSON.stringify
 * already escapes control characters and lone surrogates, so the remaining code units outside the
 * BMP-safe set (surrogate pairs, U+FFFE, U+FFFF — only ever inside JSON strings) are written as
 * `\uXXXX` escapes, which parse back to the same string. If escaping makes the body too large
 * (128 KiB of emoji triples), the JSON is gzipped and base64-encoded instead: ASCII, and at most
 * ~4/3 of the raw size.
 *
 * @example
 * decodeQueueBody(encodeQueueBody('ingest', m)) // { queue: 'ingest', message: m } (deep-equal)
 */
export function encodeQueueBody<Q extends QueueName>(queue: Q, message: QueueMessages[Q]): string {
  const json = JSON.stringify({ queue, message } satisfies QueueEnvelope<Q>);
  const escaped = json.replace(/[^\t\n\r\x20-\ud7ff\ue000-\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Buffer.byteLength(escaped, 'utf8') <= MAX_SQS_BODY_BYTES) return escaped;
  const packed = JSON.stringify({ queue, gzip: gzipSync(Buffer.from(json, 'utf8')).toString('base64') });
  if (packed.length > MAX_SQS_BODY_BYTES) {
    throw new RangeError(`a "${queue}" message of ${Buffer.byteLength(json)} bytes does not fit an SQS body (${MAX_SQS_BODY_BYTES} bytes), even compressed`);
  }
  return packed;
}

/** Parses an SQS body written by {@link encodeQueueBody}; throws on anything else (a poison message). */
export function decodeQueueBody(body: string): QueueEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new Error('queue message body is not JSON', { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { queue?: unknown }).queue !== 'string') {
    throw new Error('queue message body has no queue name');
  }
  const envelope = parsed as { queue: QueueName; message?: unknown; gzip?: unknown };
  if (typeof envelope.gzip === 'string') {
    const inner = JSON.parse(gunzipSync(Buffer.from(envelope.gzip, 'base64')).toString('utf8')) as QueueEnvelope;
    if (inner.queue !== envelope.queue) throw new Error('queue message body names two queues');
    return inner;
  }
  if (!('message' in envelope)) throw new Error('queue message body has no message');
  return envelope as QueueEnvelope;
}
