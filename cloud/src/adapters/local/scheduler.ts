import type { Logger } from '../../ports/logger';
import { errorSummary } from '../../jobs/error-summary';

export interface ScheduledTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface Scheduler {
  /** Stops scheduling and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs each task every `everyMs`, never overlapping itself: the next run is scheduled when the
 * previous one ends. A failing run is logged and the schedule goes on.
 */
export function startScheduler(tasks: readonly ScheduledTask[], log: Logger): Scheduler {
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const schedule = (task: ScheduledTask) => {
    if (stopped) return;
    timers.set(
      task.name,
      setTimeout(() => {
        const run = task
          .run()
          .then(
            () => {},
            (error: unknown) => log.error('scheduled task failed', { task: task.name, error: errorSummary(error) }),
          )
          .finally(() => {
            running.delete(run);
            schedule(task);
          });
        running.add(run);
      }, task.everyMs),
    );
  };
  for (const task of tasks) schedule(task);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
