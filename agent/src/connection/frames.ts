import { MAX_FRAME_BYTES } from '@quorum/protocol';

/** The part of a `ws` WebSocket that sending needs. */
export interface FrameSink {
  send(data: string | Buffer, options: { binary: boolean; fin: boolean }): void;
}

/**
 * Sends one text message, as fragments of at most `maxFrameBytes` when it is bigger (API Gateway
 * accepts frames of 32 KB at most and reassembles messages of up to 128 KB).
 *
 * All fragments are handed to the socket in one synchronous loop: `ws` numbers continuation frames
 * by the order of `send` calls, so nothing else (a heartbeat) may be sent between two fragments.
 * A fragment boundary may split a UTF-8 character; receivers validate the reassembled message.
 */
export function sendTextMessage(sink: FrameSink, text: string, maxFrameBytes = MAX_FRAME_BYTES): number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxFrameBytes) {
    sink.send(text, { binary: false, fin: true });
    return 1;
  }
  let frames = 0;
  for (let offset = 0; offset < bytes.length; offset += maxFrameBytes) {
    const end = Math.min(offset + maxFrameBytes, bytes.length);
    sink.send(bytes.subarray(offset, end), { binary: false, fin: end === bytes.length });
    frames += 1;
  }
  return frames;
}
