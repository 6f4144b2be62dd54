import { randomUUID } from 'node:crypto';
import { batchSchema, encodeMessage, MAX_MESSAGE_BYTES, type Batch } from '@quorum/protocol';
import type { IngestMessage } from '../../src/jobs/ingest-message';
import { fixtureStates, samples } from '../gateway/support/messages';

/** A small, valid ingest message (one poll of a healthy 3-node cluster plus samples). */
export function ingestMessage(n: number, opts: { orgId?: string; agentId?: string } = {}): IngestMessage {
  const batch = batchSchema.parse({
    type: 'batch',
    batchId: randomUUID(),
    createdAt: 1_790_000_000_000 + n,
    states: fixtureStates('healthy-3.json', { pollSeq: n, observedAt: 1_790_000_000_000 + n }),
    samples: samples({ observedAt: 1_790_000_000_000 + n }),
  });
  return { orgId: opts.orgId ?? 'org_contract', agentId: opts.agentId ?? 'agt_contract', receivedAt: 1_790_000_000_500 + n, batch };
}

/**
 * The largest message the gateway can put on a queue: a batch just under the agent's 128 KiB
 * message limit (as the agent would have sent it), whose command results are made of `text`
 * repeated — emoji (4 UTF-8 bytes, a surrogate pair), CJK, U+FFFF, whatever the test needs.
 */
export function largestIngestMessage(text: string): IngestMessage {
  const chunk = text.repeat(Math.max(1, Math.floor(2000 / text.length)));
  const commands: Batch['commands'] = [];
  // Every array the schema defaults, so the measured size is the size once parsed.
  const base = { type: 'batch' as const, batchId: randomUUID(), createdAt: 1_790_000_000_000, states: [], samples: [], configs: [] };
  const size = () => Buffer.byteLength(encodeUnchecked({ ...base, commands }), 'utf8');
  // One command update per chunk until the next one would cross the limit.
  for (let i = 0; i < 63; i++) {
    const update = { commandId: randomUUID(), state: 'running' as const, at: 1_790_000_000_000 + i, seq: i, result: { output: chunk } };
    commands.push(update);
    if (size() > MAX_MESSAGE_BYTES) {
      commands.pop();
      break;
    }
  }
  // Top up with ASCII to within a few bytes of the limit.
  const filler = { commandId: randomUUID(), state: 'running' as const, at: 1, seq: 99, result: { output: '' } };
  commands.push(filler);
  filler.result.output = 'x'.repeat(Math.max(0, MAX_MESSAGE_BYTES - size() - 8));
  const batch = batchSchema.parse({ ...base, commands });
  encodeMessage(batch); // throws if it exceeds what an agent may send
  return { orgId: 'org_contract', agentId: 'agt_contract', receivedAt: 1_790_000_000_500, batch };
}

function encodeUnchecked(value: unknown): string {
  return JSON.stringify(value);
}
