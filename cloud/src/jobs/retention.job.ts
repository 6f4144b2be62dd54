import type { Deps } from '../deps';
import {
  deleteAuditBefore,
  deleteBootstrapPlansBefore,
  deleteEndedInvitationsBefore,
  deleteExpiredSessionsBefore,
  deleteNotificationsBefore,
  deleteOperationsBefore,
  deleteRateLimitWindowsBefore,
  deleteResolvedAlertsBefore,
} from '../db/history-retention.store';
import { deleteBatchIdsBefore, deleteSamplesBefore, listOrganizationIds } from '../db/telemetry-store/retention.store';
import { tenantScope } from '../db/tenant-scope';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Batch ids are kept this long for deduplication: far longer than any agent spools a batch. */
export const BATCH_ID_RETENTION_MS = 7 * DAY_MS;
/**
 * Finished operations, bootstrap plans, resolved alerts and sent notifications: long enough to
 * look back over two quarters of incidents (a cluster's history is its events and the audit log
 * as well).
 */
export const DEFAULT_HISTORY_RETENTION_MS = 180 * DAY_MS;
/** The audit log: over a year, so a yearly access review still finds last year's changes. */
export const DEFAULT_AUDIT_RETENTION_MS = 400 * DAY_MS;
/** Rate-limit windows last minutes; a day-old one only takes room. */
export const RATE_LIMIT_WINDOW_RETENTION_MS = DAY_MS;

export interface RetentionOptions {
  /** Rows (or operations, notifications…) per DELETE: small enough that no statement holds its locks for long. */
  chunkSize?: number;
}

export interface RetentionResult {
  samplesDeleted: number;
  batchIdsDeleted: number;
  operationsDeleted: number;
  bootstrapPlansDeleted: number;
  notificationsDeleted: number;
  alertsDeleted: number;
  invitationsDeleted: number;
  auditEntriesDeleted: number;
  sessionsDeleted: number;
  rateLimitWindowsDeleted: number;
}

/**
 * The retention job (hourly), organization by organization, in chunks of `chunkSize`, each its
 * own short statement so ingest never waits long behind it: metric samples older than
 * `metricRetentionMs`; batch ids older than {@link BATCH_ID_RETENTION_MS}; finished operations,
 * bootstrap plans, sent notifications, resolved alerts and ended invitations older than
 * `historyRetentionMs`; audit
 * entries older than `auditRetentionMs`; then, across organizations, expired sessions and old
 * rate-limit windows. Nothing still in progress is ever deleted (a pending notification, an
 * active alert, a running operation), however old.
 */
export async function applyRetention(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log'>,
  options: RetentionOptions = {},
): Promise<RetentionResult> {
  const chunk = options.chunkSize ?? 5_000;
  const now = deps.clock.now();
  const history = now - (deps.config.historyRetentionMs ?? DEFAULT_HISTORY_RETENTION_MS);
  const audit = now - (deps.config.auditRetentionMs ?? DEFAULT_AUDIT_RETENTION_MS);
  const result: RetentionResult = {
    samplesDeleted: 0,
    batchIdsDeleted: 0,
    operationsDeleted: 0,
    bootstrapPlansDeleted: 0,
    notificationsDeleted: 0,
    alertsDeleted: 0,
    invitationsDeleted: 0,
    auditEntriesDeleted: 0,
    sessionsDeleted: 0,
    rateLimitWindowsDeleted: 0,
  };
  for (const orgId of await listOrganizationIds(deps.db)) {
    const scope = tenantScope(orgId);
    result.samplesDeleted += await inChunks(chunk, () => deleteSamplesBefore(deps.db, scope, now - deps.config.metricRetentionMs, chunk));
    result.batchIdsDeleted += await inChunks(chunk, () => deleteBatchIdsBefore(deps.db, scope, now - BATCH_ID_RETENTION_MS, chunk));
    result.operationsDeleted += await inChunks(chunk, () => deleteOperationsBefore(deps.db, scope, history, chunk));
    result.bootstrapPlansDeleted += await inChunks(chunk, () => deleteBootstrapPlansBefore(deps.db, scope, history, chunk));
    // Notifications before alerts: a notification goes with its links to the alerts it named.
    result.notificationsDeleted += await inChunks(chunk, () => deleteNotificationsBefore(deps.db, scope, history, chunk));
    result.alertsDeleted += await inChunks(chunk, () => deleteResolvedAlertsBefore(deps.db, scope, history, chunk));
    result.invitationsDeleted += await inChunks(chunk, () => deleteEndedInvitationsBefore(deps.db, scope, history, chunk));
    result.auditEntriesDeleted += await inChunks(chunk, () => deleteAuditBefore(deps.db, scope, audit, chunk));
  }
  result.sessionsDeleted = await inChunks(chunk, () => deleteExpiredSessionsBefore(deps.db, now, chunk));
  result.rateLimitWindowsDeleted = await inChunks(chunk, () => deleteRateLimitWindowsBefore(deps.db, now - RATE_LIMIT_WINDOW_RETENTION_MS, chunk));
  if (Object.values(result).some((n) => n > 0)) deps.log.info('retention', { ...result });
  return result;
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
