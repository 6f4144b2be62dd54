import type { Batch } from '@quorum/protocol';

/** What the gateway puts on the ingest queue: one validated batch and who sent it. */
export interface IngestMessage {
  orgId: string;
  agentId: string;
  receivedAt: number;
  batch: Batch;
}
