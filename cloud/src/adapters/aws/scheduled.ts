import type { ScheduledEvent } from 'aws-lambda';
import type { Deps } from '../../deps';
import { errorSummary } from '../../jobs/error-summary';
import { detectOffline } from '../../jobs/offline.job';
import { applyRetention } from '../../jobs/retention.job';
import { runAlertSchedule } from '../../jobs/alerts.job';
import { runCommandsTick } from '../../jobs/commands.job';
import { deleteOrphanedGuards } from './connection-state';
import { sweepInbox } from './inbox';

/** SQS keeps a message at most 14 days: an inbox row older than that can never be needed again. */
export const INBOX_RETENTION_MS = 15 * 24 * 60 * 60 * 1000;
const SWEEP_CHUNK = 5_000;

/** The scheduled jobs, by the name their EventBridge rule's Lambda is exported under. */
export function scheduledJobs(deps: Deps) {
  return {
    /** Every minute: silent connections dropped, silent agents offline, stale clusters reassessed. */
    offline: () => detectOffline(deps),
    /**
     * Every minute (EventBridge's finest rate): command expiry, overdue bootstrap plans, and
     * orchestrations' next steps. Ingested command updates and state changes move them at once;
     * this is the catch-up (locally it runs every 2 s).
     */
    commands: () => runCommandsTick(deps),
    /**
     * Every minute: time-based alert transitions (a `for` or keep-firing period ending, group
     * intervals, repeats) and the outbox's due retries. The fast path (split brain, a node lost)
     * runs in the ingest itself; only these timers are coarser than the local host's 1 s.
     */
    alerts: () => runAlertSchedule(deps),
    /** Hourly: old metric samples and batch ids, and the AWS host's own bookkeeping. */
    retention: async () => {
      const core = await applyRetention(deps);
      const now = deps.clock.now();
      let inboxDeleted = 0;
      for (let n = SWEEP_CHUNK; n === SWEEP_CHUNK; inboxDeleted += n) n = await sweepInbox(deps.db, now - INBOX_RETENTION_MS, SWEEP_CHUNK);
      const guardsDeleted = await deleteOrphanedGuards(deps.db, now - 60 * 60 * 1000);
      return { ...core, inboxDeleted, guardsDeleted };
    },
  };
}

export type ScheduledJobName = keyof ReturnType<typeof scheduledJobs>;

/**
 * An EventBridge-scheduled Lambda handler running one job. A failure is logged and rethrown, so
 * the invocation counts as an error (the alarm on the function's errors sees it); EventBridge does
 * not retry a scheduled invocation into the next run's slot.
 */
export function scheduledHandler(deps: Deps, name: ScheduledJobName) {
  const job = scheduledJobs(deps)[name];
  return async (event: ScheduledEvent): Promise<unknown> => {
    try {
      const result = await job();
      deps.log.info('scheduled job done', { job: name, scheduledAt: event.time, result });
      return result;
    } catch (error) {
      deps.log.error('scheduled job failed', { job: name, scheduledAt: event.time, error: errorSummary(error) });
      throw error;
    }
  };
}
