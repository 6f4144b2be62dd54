import { access } from 'node:fs/promises';
import { MARIADBD_ARGS, type ControlConfig } from '../config/schema';
import { formatPosition, parseRecoveredPosition, type Position } from '../galera/position';
import { runArgv, type CommandOutput } from './run-argv';

/**
 * How the agent starts, stops and recovers one node: the node's configured control method. Every
 * call runs argv lists (never a shell) and ends when `signal` aborts.
 */
export interface NodeControl {
  readonly method: 'exec' | 'systemd';
  /** False when start cannot pass options to mariadbd (an exec start without `{mariadbdArgs}`). */
  readonly passesStartOptions: boolean;
  /** False when no recover command is configured. */
  readonly canRecover: boolean;
  start(options: StartOptions): Promise<CommandOutput[]>;
  stop(signal: AbortSignal): Promise<CommandOutput>;
  /** Runs the recover command (the node must be down) and parses the position it prints. */
  recover(signal: AbortSignal): Promise<{ position: Position | undefined; output: CommandOutput }>;
}

export interface StartOptions {
  /** `--wsrep-new-cluster`: this node bootstraps a new Primary component. */
  newCluster?: boolean;
  /** `--wsrep-start-position=UUID:SEQNO`: keeps the history's UUID (GALERA.md gotcha 4). */
  startPosition?: Position;
  signal: AbortSignal;
}

/** The control method cannot do what an action needs; the message names the setting. */
export class ControlNotConfiguredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlNotConfiguredError';
  }
}

export const GALERA_NEW_CLUSTER = '/usr/bin/galera_new_cluster';
export const GALERA_RECOVERY = '/usr/bin/galera_recovery';

export function createNodeControl(config: ControlConfig): NodeControl {
  return config.method === 'exec' ? execControl(config) : systemdControl(config);
}

/** The extra mariadbd options for a start. */
export function startOptions(options: Omit<StartOptions, 'signal'>): string[] {
  return [
    ...(options.newCluster ? ['--wsrep-new-cluster'] : []),
    ...(options.startPosition ? [`--wsrep-start-position=${formatPosition(options.startPosition)}`] : []),
  ];
}

/** The exec start argv with every `{mariadbdArgs}` element replaced by `extra` (zero or more options). */
export function substituteMariadbdArgs(start: readonly string[], extra: readonly string[]): string[] {
  return start.flatMap((a) => (a === MARIADBD_ARGS ? [...extra] : [a]));
}

function execControl(config: Extract<ControlConfig, { method: 'exec' }>): NodeControl {
  const passesStartOptions = config.start.includes(MARIADBD_ARGS);
  return {
    method: 'exec',
    passesStartOptions,
    canRecover: config.recover !== undefined,
    async start(options) {
      const extra = startOptions(options);
      if (extra.length > 0 && !passesStartOptions) {
        throw new ControlNotConfiguredError(`control.start has no ${MARIADBD_ARGS} element: cannot pass ${extra.join(' ')}`);
      }
      return [await runArgv(substituteMariadbdArgs(config.start, extra), { signal: options.signal })];
    },
    stop: (signal) => runArgv(config.stop, { signal }),
    async recover(signal) {
      if (!config.recover) throw new ControlNotConfiguredError('control.recover is not configured');
      const output = await runArgv(config.recover, { signal });
      return { position: parseRecoveredPosition(output.output), output };
    },
  };
}

/**
 * The systemd steps of a start (pure, for tests). Debian's unit reads `_WSREP_NEW_CLUSTER` (from
 * galera_new_cluster's environment file) and older units `_WSREP_START_POSITION` from the manager's
 * environment; both are set just for this start and unset afterwards, as galera_recovery's unit does.
 */
export function systemdStartPlan(
  unit: string,
  options: Omit<StartOptions, 'signal'>,
  hasGaleraNewCluster: boolean,
): { steps: string[][]; cleanup: string[][] } {
  const steps: string[][] = [];
  const cleanup: string[][] = [];
  if (options.startPosition) {
    steps.push(['systemctl', 'set-environment', `_WSREP_START_POSITION=--wsrep-start-position=${formatPosition(options.startPosition)}`]);
    cleanup.push(['systemctl', 'unset-environment', '_WSREP_START_POSITION']);
  }
  if (options.newCluster && hasGaleraNewCluster) {
    steps.push([GALERA_NEW_CLUSTER, unit]);
  } else if (options.newCluster) {
    steps.push(['systemctl', 'set-environment', '_WSREP_NEW_CLUSTER=--wsrep-new-cluster']);
    cleanup.unshift(['systemctl', 'unset-environment', '_WSREP_NEW_CLUSTER']);
    steps.push(['systemctl', 'start', unit]);
  } else {
    steps.push(['systemctl', 'start', unit]);
  }
  return { steps, cleanup };
}

function systemdControl(config: Extract<ControlConfig, { method: 'systemd' }>): NodeControl {
  const prefix = (argv: string[]) => (config.sudo ? ['sudo', '-n', ...argv] : argv);
  return {
    method: 'systemd',
    passesStartOptions: true,
    canRecover: true,
    async start(options) {
      const hasNewCluster = await access(GALERA_NEW_CLUSTER).then(() => true, () => false);
      const plan = systemdStartPlan(config.unit, options, hasNewCluster);
      const outputs: CommandOutput[] = [];
      try {
        for (const step of plan.steps) outputs.push(await runArgv(prefix(step), { signal: options.signal }));
      } finally {
        // Even after a cancel: the environment must not leak into the next, unrelated start.
        const cleanupSignal = AbortSignal.timeout(30_000);
        for (const step of plan.cleanup) await runArgv(prefix(step), { signal: cleanupSignal }).catch(() => undefined);
      }
      return outputs;
    },
    stop: (signal) => runArgv(prefix(['systemctl', 'stop', config.unit]), { signal }),
    async recover(signal) {
      // galera_recovery prints `--wsrep_start_position=UUID:SEQNO` (it runs mariadbd --wsrep-recover).
      const output = await runArgv(prefix([GALERA_RECOVERY]), { signal });
      return { position: parseRecoveredPosition(output.output), output };
    },
  };
}
