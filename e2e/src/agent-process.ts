import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

/** The real `quorum-agent` launcher, run as a separate process exactly as an operator would. */
export const AGENT_BIN = fileURLToPath(new URL('../../agent/bin/quorum-agent', import.meta.url));

export interface AgentLogLine {
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

/** Runs `quorum-agent <args>` to completion; resolves with its exit code and output. */
export async function runAgentCommand(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(AGENT_BIN, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * `quorum-agent run` in the background. Its JSON log lines are kept (and written to `logFile`)
 * so tests can read what the agent reported, e.g. its batch counts when it stopped.
 */
export class AgentProcess {
  readonly lines: AgentLogLine[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private readonly log: WriteStream | undefined;

  constructor(opts: { configPath: string; logFile?: string; env?: NodeJS.ProcessEnv }) {
    this.log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
    this.child = spawn(AGENT_BIN, ['run', '--config', opts.configPath], {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    const onData = (d: Buffer) => {
      this.log?.write(d);
      partial += d.toString();
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          this.lines.push(JSON.parse(line) as AgentLogLine);
        } catch {
          this.lines.push({ msg: line });
        }
      }
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  find(msg: string): AgentLogLine | undefined {
    return [...this.lines].reverse().find((l) => l.msg === msg);
  }

  /** SIGTERM and wait: the agent closes its connection and keeps unacked batches in its spool. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
      this.log?.end();
    }
  }

  /** SIGKILL: what a crash looks like. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
    this.log?.end();
  }
}
