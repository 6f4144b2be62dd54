import type { ActionKind, ActionName } from '@quorum/protocol';
import { CommandFailedError } from '../control/run-argv';
import { ControlNotConfiguredError } from '../control/node-control';
import type { Refusal } from '../guard/guard';
import { errorMessage, type Logger } from '../log';
import { SqlError } from '../mysql/connection';
import { ActionError, RefusalError, StopReason, type ActionContext, type ActionDefinition, type ActionDeps, type CancelOutcome, type ClusterTarget, type NodeTarget } from './types';

/** How a command ended, before it becomes a command update. */
export type Outcome =
  | { state: 'succeeded'; result: Record<string, unknown> }
  | { state: 'failed'; error: { code: string; message: string }; result?: Record<string, unknown> }
  | { state: 'rejected'; refusal: Refusal };

/** Where the runner reports (the command service: updates to the cloud, outcomes to the replay store). */
export interface RunReporter {
  running(commandId: string, step: string, message: string, percent?: number): void;
  final(commandId: string, outcome: Outcome): Promise<void>;
}

export interface RunRequest {
  commandId: string;
  action: ActionName;
  kind: ActionKind;
  params: Record<string, unknown>;
  cluster: ClusterTarget;
  node: NodeTarget | undefined;
}

export type Definitions = { [A in ActionName]: ActionDefinition<A> };

interface Running {
  request: RunRequest;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs accepted commands in the background, so the request loop never waits for one. The runner
 * owns every action's timeout and its cancellation (one AbortSignal per command), and the rule
 * that at most ONE write action runs per cluster at a time: a second one is not queued but ends
 * at once as failed `cluster_busy` — a queued write would run later on a cluster that has
 * changed since it was decided. Read and trust actions run alongside anything.
 */
export class ActionRunner {
  readonly #definitions: Definitions;
  readonly #deps: Omit<ActionDeps, 'cancel'>;
  readonly #reporter: RunReporter;
  readonly #log: Logger;
  readonly #running = new Map<string, Running>();
  /** cluster name → the write command holding it. */
  readonly #writeSlots = new Map<string, { commandId: string; action: ActionName }>();

  constructor(options: { definitions: Definitions; deps: Omit<ActionDeps, 'cancel'>; reporter: RunReporter; log: Logger }) {
    this.#definitions = options.definitions;
    this.#deps = options.deps;
    this.#reporter = options.reporter;
    this.#log = options.log;
  }

  /**
   * Takes the cluster's write slot for a write command, synchronously (so two commands arriving
   * together cannot both get it). Returns the holder when the slot is taken.
   */
  claim(request: Pick<RunRequest, 'commandId' | 'action' | 'kind' | 'cluster'>): { ok: true } | { ok: false; holder: { commandId: string; action: ActionName } } {
    if (request.kind !== 'write') return { ok: true };
    const holder = this.#writeSlots.get(request.cluster.name);
    if (holder && holder.commandId !== request.commandId) return { ok: false, holder };
    this.#writeSlots.set(request.cluster.name, { commandId: request.commandId, action: request.action });
    return { ok: true };
  }

  /** Gives back a slot claimed for a command that will not run after all. */
  release(commandId: string): void {
    for (const [cluster, holder] of this.#writeSlots) if (holder.commandId === commandId) this.#writeSlots.delete(cluster);
  }

  /** Starts a command (its write slot claimed already); returns at once. */
  start(request: RunRequest): void {
    const controller = new AbortController();
    const entry: Running = { request, controller, done: Promise.resolve() };
    this.#running.set(request.commandId, entry);
    entry.done = this.#run(request, controller, () => {
      // Ended: free the slot before the final update goes out, so whoever reads it can act at once.
      this.#running.delete(request.commandId);
      this.release(request.commandId);
    });
  }

  /** Stops a running command at its next safe point. */
  cancel(commandId: string, by: string): CancelOutcome {
    const entry = this.#running.get(commandId);
    if (!entry) return { cancelled: false, why: 'not_running' };
    if (entry.controller.signal.aborted) return { cancelled: false, why: 'finishing' };
    entry.controller.abort(new StopReason('cancelled', `cancelled by ${by}`));
    return { cancelled: true, action: entry.request.action };
  }

  runningIds(): string[] {
    return [...this.#running.keys()];
  }

  /** Aborts everything (the agent is stopping) and waits, at most `timeoutMs`, for the actions to end. */
  async stop(timeoutMs: number): Promise<void> {
    for (const entry of this.#running.values()) entry.controller.abort(new StopReason('agent_stopping', 'the agent is stopping'));
    const all = Promise.all([...this.#running.values()].map((e) => e.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  async #run(request: RunRequest, controller: AbortController, ended: () => void): Promise<void> {
    const definition = this.#definitions[request.action] as unknown as ActionDefinition<ActionName>;
    const timer = setTimeout(
      () => controller.abort(new StopReason('timeout', `${request.action} did not finish within ${definition.timeoutMs / 1000} s`)),
      definition.timeoutMs,
    );
    let finished = false;
    const ctx: ActionContext<ActionName> = {
      commandId: request.commandId,
      params: request.params as ActionContext<ActionName>['params'],
      cluster: request.cluster,
      node: request.node,
      signal: controller.signal,
      progress: (step, message, percent) => {
        if (!finished) this.#reporter.running(request.commandId, step, message, percent);
      },
      deps: { ...this.#deps, cancel: (id, by) => (id === request.commandId ? { cancelled: false, why: 'itself' } : this.cancel(id, by)) },
    };
    let outcome: Outcome;
    try {
      const refusal = await definition.guard?.(ctx);
      if (refusal) {
        outcome = { state: 'rejected', refusal };
      } else {
        // Cancelled (or the agent stopped) while the guard polled: do not begin.
        controller.signal.throwIfAborted();
        ctx.progress('start', `${request.action} started`);
        outcome = { state: 'succeeded', result: await definition.run(ctx) };
      }
    } catch (e) {
      outcome = this.#failure(request, e, controller.signal);
    } finally {
      clearTimeout(timer);
      finished = true;
      ended();
    }
    try {
      await this.#reporter.final(request.commandId, outcome);
    } catch (e) {
      this.#log.error('could not report the end of a command', { commandId: request.commandId, error: errorMessage(e) });
    }
  }

  #failure(request: RunRequest, e: unknown, signal: AbortSignal): Outcome {
    if (e instanceof RefusalError) return { state: 'rejected', refusal: e.refusal };
    if (signal.aborted && signal.reason instanceof StopReason) {
      return { state: 'failed', error: { code: signal.reason.code, message: `${signal.reason.message} (stopped at: ${errorMessage(e)})` } };
    }
    const error =
      e instanceof ActionError
        ? { code: e.code, message: e.message }
        : e instanceof ControlNotConfiguredError
          ? { code: 'not_configured', message: e.message }
          : e instanceof CommandFailedError
            ? { code: 'command_failed', message: e.message }
            : e instanceof SqlError
              ? { code: 'sql_error', message: e.message }
              : { code: 'internal', message: errorMessage(e) };
    if (error.code === 'internal') this.#log.error('action failed unexpectedly', { commandId: request.commandId, action: request.action, error: error.message });
    return { state: 'failed', error };
  }
}
