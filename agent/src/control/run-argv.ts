import { spawn } from 'node:child_process';

/** What a finished command printed (the tail, bounded) and how it ended. */
export interface CommandOutput {
  /** The program's name (argv[0]); the arguments are not repeated in results or logs. */
  program: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved, the last `maxOutputBytes` of it. */
  output: string;
  durationMs: number;
}

/** A command that could not run, exited non-zero, or was stopped (timeout, cancel). */
export class CommandFailedError extends Error {
  readonly result: CommandOutput | undefined;
  constructor(message: string, result?: CommandOutput, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CommandFailedError';
    this.result = result;
  }
}

export interface RunOptions {
  /** Aborting kills the command (SIGTERM to its process group, SIGKILL after `killGraceMs`). */
  signal: AbortSignal;
  maxOutputBytes?: number;
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024;

/**
 * Runs an argv without a shell (nothing in it is ever interpreted), in its own process group so
 * that a cancel or timeout ends the helpers it started too, and resolves when it exits 0.
 * Daemons it starts in their own session (mariadbd) are not touched. Output is captured, bounded
 * to its tail. Rejects with CommandFailedError otherwise (the abort reason as `cause` when stopped).
 */
export function runArgv(argv: readonly string[], options: RunOptions): Promise<CommandOutput> {
  const [program, ...args] = argv;
  if (!program) return Promise.reject(new CommandFailedError('empty command'));
  const { signal } = options;
  if (signal.aborted) return Promise.reject(new CommandFailedError(`${program} not started: ${reasonText(signal.reason)}`, undefined, { cause: signal.reason }));
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: options.env ?? process.env });
    let output = Buffer.alloc(0);
    let dropped = 0;
    const capture = (chunk: Buffer) => {
      output = Buffer.concat([output, chunk]);
      if (output.length > max) {
        dropped += output.length - max;
        output = output.subarray(output.length - max);
      }
    };
    child.stdout.on('data', capture);
    child.stderr.on('data', capture);
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs ?? 5_000);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let done = false;
    const finish = (code: number | null, sig: NodeJS.Signals | null, spawnError?: Error) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      child.stdout.destroy();
      child.stderr.destroy();
      const text = (dropped > 0 ? `[… ${dropped} bytes of earlier output dropped …]\n` : '') + output.toString('utf8');
      const result: CommandOutput = { program, code, signal: sig, output: text, durationMs: Date.now() - started };
      if (spawnError) return reject(new CommandFailedError(`${program} could not run: ${spawnError.message}`, result, { cause: spawnError }));
      if (signal.aborted) return reject(new CommandFailedError(`${program} stopped: ${reasonText(signal.reason)}`, result, { cause: signal.reason }));
      if (code === 0) return resolve(result);
      const how = code !== null ? `exited with ${code}` : `was killed by ${sig}`;
      reject(new CommandFailedError(`${program} ${how}: ${lastLines(text, 5)}`, result));
    };
    child.once('error', (e) => finish(null, null, e));
    // 'close' comes once the pipes are drained (the last line may hold the answer, e.g. a
    // recovered position); a daemon that inherited them would delay it forever, hence the cap.
    child.once('close', (code, sig) => finish(code, sig));
    child.once('exit', (code, sig) => setTimeout(() => finish(code, sig), 1_000).unref());
  });
}

function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** The last non-empty lines of some output, for an error message. */
export function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .slice(-n)
    .join(' | ')
    .slice(-1000);
}
