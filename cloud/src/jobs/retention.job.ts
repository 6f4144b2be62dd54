import type { Deps } from '../deps';
import { deleteBatchIdsBefore, deleteSamplesBefore, listOrganizationIds } from '../db/telemetry-store/retention.store';
import { tenantScope } from '../db/tenant-scope';

/** Batch ids are kept this long for deduplication: far longer than any agent spools a batch. */
export const BATCH_ID_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  /** Rows per DELETE: small enough that no statement holds its locks for long. */
  chunkSize?: number;
}

/**
 * The retention job (hourly): deletes metric samples older than `metricRetentionMs` and batch
 * ids older than {@link BATCH_ID_RETENTION_MS}, organization by organization, in chunks of
 * `chunkSize` rows, each its own short statement, so ingest never waits long behind it.
 */
export async function applyRetention(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log'>,
  options: RetentionOptions = {},
): Promise<{ samplesDeleted: number; batchIdsDeleted: number }> {
  const chunk = options.chunkSize ?? 5_000;
  const now = deps.clock.now();
  let samplesDeleted = 0;
  let batchIdsDeleted = 0;
  for (const orgId of await listOrganizationIds(deps.db)) {
    const scope = tenantScope(orgId);
    samplesDeleted += await inChunks(chunk, () => deleteSamplesBefore(deps.db, scope, now - deps.config.metricRetentionMs, chunk));
    batchIdsDeleted += await inChunks(chunk, () => deleteBatchIdsBefore(deps.db, scope, now - BATCH_ID_RETENTION_MS, chunk));
  }
  if (samplesDeleted + batchIdsDeleted > 0) deps.log.info('retention', { samplesDeleted, batchIdsDeleted });
  return { samplesDeleted, batchIdsDeleted };
}

/** Repeats a bounded DELETE until one removes fewer rows than the bound; returns the total. */
async function inChunks(chunk: number, deleteSome: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deleteSome();
    total += n;
    if (n < chunk) return total;
  }
}
