import { verifyCommand, type ActionName, type CommandUpdate, type CommandVerdict, type Welcome } from '@quorum/protocol';
import { ActionRunner, type Definitions, type Outcome, type RunRequest } from '../actions/runner';
import type { ActionDeps } from '../actions/types';
import type { CommandsConfig } from '../config/schema';
import { errorMessage, type Logger } from '../log';
import type { KeyStore } from '../trust/key-store';
import type { ReplayStore } from '../trust/replay-store';
import { UpdateBuilder } from './reporter';
import type { Targets } from './targets';

export interface CommandServiceOptions {
  orgId: string;
  agentId: string;
  /** The LOCAL policy (config file): the only source of the allow-list and read-only mode. */
  policy: CommandsConfig;
  keys: KeyStore;
  replay: ReplayStore;
  targets: Targets;
  definitions: Definitions;
  deps: Omit<ActionDeps, 'cancel' | 'keys'>;
  /** Sends an update to the cloud (batched, spooled, flushed at once). */
  emit: (update: CommandUpdate) => void;
  log: Logger;
  now?: () => number;
}

/** How long a stopping agent waits for its running actions to end. */
const STOP_WAIT_MS = 8_000;

/**
 * The agent's side of signed commands. For each message that claims to be a command:
 * 1. `verifyCommand` (protocol) with the pinned keys, this agent's ids, the LOCAL allow-list and
 *    read-only mode, the replay store and the inventory — a failure has no side effect and is
 *    reported `rejected {reason}` when the envelope is authentic enough to know its id (else only
 *    logged, without its content);
 * 2. the id is written to the replay store (fsynced) — nothing runs before that;
 * 3. the runner runs it in the background (guard, then action), streaming progress;
 * 4. the final update is written to the replay store, then sent.
 * A re-sent id is never run again: its recorded final update is sent again instead.
 * `receive` returns at once; the connection's read loop never waits for a command.
 */
export class CommandService {
  readonly #opts: CommandServiceOptions;
  readonly #allow: ReadonlySet<ActionName>;
  readonly #updates: UpdateBuilder;
  readonly #runner: ActionRunner;
  readonly #now: () => number;

  constructor(options: CommandServiceOptions) {
    this.#opts = options;
    this.#now = options.now ?? Date.now;
    this.#allow = new Set(options.policy.allow);
    this.#updates = new UpdateBuilder(this.#now);
    this.#runner = new ActionRunner({
      definitions: options.definitions,
      deps: { ...options.deps, keys: options.keys },
      log: options.log,
      reporter: {
        running: (id, step, message, percent) => options.emit(this.#updates.running(id, step, message, percent)),
        final: (id, outcome) => this.#finish(id, outcome),
      },
    });
  }

  /**
   * Commands the last run of the agent started and never finished (it was killed): their effect is
   * unknown, which is their final state; reported now, so the cloud does not wait forever.
   */
  async recoverInterrupted(): Promise<void> {
    for (const record of this.#opts.replay.unfinished()) {
      this.#opts.log.warn('a command was interrupted by the last agent stop; reporting it as failed', { commandId: record.id, action: record.action });
      await this.#finish(record.id, {
        state: 'failed',
        error: { code: 'interrupted', message: 'the agent stopped (crash or kill) while this command ran; its effect is unknown: check the nodes before retrying' },
      });
    }
  }

  /** Until the next welcome, no target is known: commands are rejected `unknown_target`. */
  reset(): void {
    this.#opts.targets.clear();
  }

  welcome(welcome: Welcome): void {
    this.#opts.targets.setInventory(welcome.inventory);
  }

  /** One message that claims to be a command (parsed JSON, not yet believed). Never throws. */
  receive(message: unknown): void {
    try {
      this.#receive(message);
    } catch (e) {
      this.#opts.log.error('could not handle a command message', { error: errorMessage(e) });
    }
  }

  runningIds(): string[] {
    return this.#runner.runningIds();
  }

  /** Stops running actions (they end as failed `agent_stopping`, recorded and spooled). */
  stop(): Promise<void> {
    return this.#runner.stop(STOP_WAIT_MS);
  }

  #receive(message: unknown): void {
    const opts = this.#opts;
    const now = this.#now();
    const verdict = verifyCommand(message, {
      keys: opts.keys.pinned(),
      orgId: opts.orgId,
      agentId: opts.agentId,
      now,
      allowedActions: this.#allow,
      readOnly: opts.policy.readOnly,
      seen: (id) => opts.replay.has(id),
      knowsTarget: (clusterId, nodeId) => opts.targets.resolve(clusterId, nodeId) !== undefined,
    });
    if (!verdict.ok) return this.#rejected(verdict);
    const { envelope, action, params, kind } = verdict;
    const target = opts.targets.resolve(envelope.clusterId, envelope.nodeId)!;
    const unknownIds = idsNamedInParams(action, params).filter((id) => !target.cluster.nodeIds.has(id));
    if (unknownIds.length > 0) {
      return this.#rejected({ ok: false, reason: 'unknown_target', message: `node ids ${unknownIds.join(', ')} are not nodes of ${target.cluster.name} watched by this agent`, commandId: envelope.id });
    }
    const request: RunRequest = { commandId: envelope.id, action, kind, params, cluster: target.cluster, node: target.node };
    const claim = this.#runner.claim(request);
    // The id is claimed in memory now (a duplicate arriving meanwhile is a replay) and on disk
    // before anything runs.
    const durable = opts.replay.begin({
      id: envelope.id,
      action,
      clusterId: envelope.clusterId,
      ...(envelope.nodeId ? { nodeId: envelope.nodeId } : {}),
      receivedAt: now,
      expiresAt: envelope.expiresAt,
    });
    opts.replay.maybePrune(now);
    opts.log.info('command accepted', {
      commandId: envelope.id,
      action,
      cluster: target.cluster.name,
      node: target.node?.name,
      issuedBy: envelope.issuedBy,
      keyId: envelope.keyId,
    });
    durable.then(
      () => {
        if (!claim.ok) {
          const { holder } = claim;
          return this.#finish(envelope.id, {
            state: 'failed',
            error: { code: 'cluster_busy', message: `${holder.action} (${holder.commandId}) is running on ${target.cluster.name}: one write action per cluster at a time; nothing was done` },
          });
        }
        opts.emit(this.#updates.accepted(envelope.id));
        this.#runner.start(request);
        return undefined;
      },
      (e: unknown) => {
        if (claim.ok) this.#runner.release(envelope.id);
        opts.log.error('cannot record a command id; not running it', { commandId: envelope.id, error: errorMessage(e) });
        opts.emit(this.#updates.final(envelope.id, { state: 'failed', error: { code: 'replay_store', message: `the agent could not record the command before running it: ${errorMessage(e)}` } }));
      },
    )
      .catch((e: unknown) => opts.log.error('could not start a command', { commandId: envelope.id, error: errorMessage(e) }));
  }

  #rejected(verdict: Extract<CommandVerdict, { ok: false }>): void {
    const { reason, commandId } = verdict;
    let message = verdict.message;
    if (reason === 'unknown_target' && !this.#opts.targets.hasInventory) message = 'the cloud has not sent this agent its inventory (welcome) yet';
    if (!commandId) {
      // Not authentic (or not even a command): report nothing to anyone, keep nothing of its content.
      this.#opts.log.warn('ignored a command that failed verification', { reason, error: message.slice(0, 300) });
      return;
    }
    if (reason === 'replayed') {
      const record = this.#opts.replay.get(commandId);
      if (record?.outcome) {
        this.#opts.log.info('command re-sent: not run again; its recorded outcome is sent again', { commandId, state: record.outcome.state });
        this.#opts.emit(record.outcome);
      } else {
        this.#opts.log.info('command re-sent while it runs: not run again', { commandId });
      }
      return;
    }
    this.#opts.log.warn('command rejected', { commandId, reason, error: message.slice(0, 300) });
    this.#opts.emit(this.#updates.rejected(commandId, reason, message));
  }

  /** The final update: recorded (durably) first, then sent. */
  async #finish(commandId: string, outcome: Outcome): Promise<void> {
    const update = this.#updates.final(commandId, outcome);
    try {
      await this.#opts.replay.finish(commandId, update);
    } catch (e) {
      this.#opts.log.error('could not record the outcome of a command', { commandId, error: errorMessage(e) });
    }
    const level = outcome.state === 'succeeded' ? 'info' : 'warn';
    this.#opts.log[level]('command finished', {
      commandId,
      state: outcome.state,
      ...(outcome.state === 'failed' ? { code: outcome.error.code, error: outcome.error.message.slice(0, 300) } : {}),
      ...(outcome.state === 'rejected' ? { refusal: outcome.refusal.code } : {}),
    });
    this.#opts.emit(update);
  }
}

/** Node ids a command names in its params (bootstrap-cluster), which must be known like its target. */
function idsNamedInParams(action: ActionName, params: Record<string, unknown>): string[] {
  if (action !== 'bootstrap-cluster') return [];
  const p = params as { bootstrapNodeId: string; positions: { nodeId: string }[] };
  return [...new Set([p.bootstrapNodeId, ...p.positions.map((x) => x.nodeId)])];
}
