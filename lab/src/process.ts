import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Processes of the lab. The one rule: a signal goes only to a pid whose /proc/PID/cmdline proves it
 * is ours (it contains the node's `--defaults-file=`), because pid files outlive processes and pids
 * are reused.
 */

export const MARIADBD = '/usr/sbin/mariadbd';

/** The argv of a live process, or null if it is gone or a zombie (a zombie's cmdline is empty). */
export function readCmdline(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (raw.length === 0) return null;
    return raw.replace(/\0$/, '').split('\0');
  } catch {
    return null;
  }
}

/** Field 22 of /proc/PID/stat: start time in clock ticks since boot; with the pid it names a process. */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may contain spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    if (state === 'Z' || state === 'X') return null;
    const start = Number(rest[19]);
    return Number.isFinite(start) ? start : null;
  } catch {
    return null;
  }
}

/** True if `pid` runs (not a zombie) and, when `startTime` is given, is that same process. */
export function isAlive(pid: number, startTime?: number | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const actual = processStartTime(pid);
  if (actual === null) return false;
  return startTime === undefined || startTime === null || actual === startTime;
}

export const defaultsFileArg = (myCnf: string): string => `--defaults-file=${myCnf}`;

/** True if `pid` is a live mariadbd started with this node's my.cnf. */
export function isNodeProcess(pid: number, myCnf: string): boolean {
  const argv = readCmdline(pid);
  return argv !== null && argv.includes(defaultsFileArg(myCnf)) && processStartTime(pid) !== null;
}

/** The node's pid from its pid file, only if that pid is really this node's mariadbd. */
export function nodePid(pidFile: string, myCnf: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && isNodeProcess(pid, myCnf) ? pid : null;
}

export interface SpawnNodeOptions {
  myCnf: string;
  args: ReadonlyArray<string>;
  consoleLog: string;
  pidFile: string;
}

/**
 * Starts mariadbd in its own session (so it survives us and a terminal's Ctrl-C does not reach
 * it), stdio to the console log. `--defaults-file` must be the first option or /etc/mysql is read.
 * Resolves once the pid is exec'd mariadbd with our my.cnf (GALERA.md gotcha 3).
 */
export async function spawnNode(options: SpawnNodeOptions): Promise<number> {
  const out = openSync(options.consoleLog, 'a');
  let pid: number | undefined;
  try {
    const child = spawn(MARIADBD, [defaultsFileArg(options.myCnf), ...options.args], {
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.on('error', () => {}); // reported below through the missing pid / cmdline check
    child.unref();
    pid = child.pid;
  } finally {
    closeSync(out);
  }
  if (pid === undefined) throw new Error(`galera-lab: could not spawn ${MARIADBD}`);
  writeFileSync(options.pidFile, `${pid}\n`);
  for (let i = 0; i < 50; i++) {
    if (isNodeProcess(pid, options.myCnf)) return pid;
    if (processStartTime(pid) === null) break; // exited already
    await sleep(20);
  }
  throw new Error(`galera-lab: mariadbd (pid ${pid}) exited at once; see ${options.consoleLog}`);
}

/** Waits until `pid` is gone (or a zombie). Resolves true if it went within `timeoutMs`. */
export async function waitExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processStartTime(pid) !== null) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

/** Sends a signal, ignoring "no such process" (it may have just exited). */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** argv[0] (or the script bash runs) of the processes a lab can leave behind: mariadbd and its SST helpers. */
const LAB_PROGRAM = /(^|\/)(mariadbd|mysqld|rsync|wsrep_sst_[a-z_]+|socat|mariabackup|mbstream)$/;

/**
 * Live processes belonging to a lab directory: mariadbd and SST helpers whose command line
 * mentions `dir/`. The program check keeps us off anything else that merely names the directory
 * (a shell, an editor, our own CLI with `--dir`).
 */
export function findLabProcesses(dir: string): number[] {
  const needle = dir.endsWith('/') ? dir : `${dir}/`;
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const argv = readCmdline(pid);
    if (!argv || !argv.some((a) => a.includes(needle))) continue;
    const program = argv.slice(0, 2).some((a) => LAB_PROGRAM.test(a));
    if (program && processStartTime(pid) !== null) found.push(pid);
  }
  return found;
}

/**
 * SIGKILLs every process of a lab directory and waits (synchronously, up to `waitMs`) until they
 * are gone. Synchronous so it can run in a process 'exit' handler.
 */
export function killLabProcessesSync(dir: string, waitMs = 3000): number[] {
  const pids = findLabProcesses(dir);
  for (const pid of pids) signal(pid, 'SIGKILL');
  const deadline = Date.now() + waitMs;
  const tick = new Int32Array(new SharedArrayBuffer(4));
  while (pids.some((pid) => processStartTime(pid) !== null) && Date.now() < deadline) {
    Atomics.wait(tick, 0, 0, 20); // a synchronous sleep
  }
  return pids;
}
