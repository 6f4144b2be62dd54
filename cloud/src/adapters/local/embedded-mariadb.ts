import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import type { Logger } from '../../ports/logger';
import { findProcessesWithArgument, terminate } from './process-scan';

export interface EmbeddedMariadb {
  /** `mysql://root@localhost/quorum?socket=…` */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'run: sudo scripts/install-os-deps.sh (it installs mariadb-server)';
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Starts a private MariaDB for the local host under `<dataDir>`: its own data directory, a unix
 * socket and no TCP port, so it can never collide with a system MariaDB on 3306 or touch
 * /var/lib/mysql. Initialised once (`mariadb-install-db`), started as a child process, stopped
 * with SIGTERM. A server left running by a crashed run is recognised by its `--datadir=` argument
 * and stopped first; a stale socket or pid file is removed.
 */
export async function startEmbeddedMariadb(opts: {
  dataDir: string;
  log: Logger;
  database?: string;
  /** Also listen on 127.0.0.1:<tcpPort> (the test runner's fallback server); default: socket only. */
  tcpPort?: number;
}): Promise<EmbeddedMariadb> {
  const dataDir = resolve(opts.dataDir);
  const dbDir = join(dataDir, 'db');
  const socket = join(dataDir, 'mariadb.sock');
  const pidFile = join(dataDir, 'mariadb.pid');
  const errorLog = join(dataDir, 'mariadb-error.log');
  const database = opts.database ?? 'quorum';
  if (Buffer.byteLength(socket) > 107) {
    throw new Error(`QUORUM_DATA_DIR is too long for a unix socket path (${socket}): choose a shorter directory`);
  }
  const mariadbd = findExecutable(['mariadbd', 'mysqld'], ['/usr/sbin', '/usr/local/sbin', '/usr/bin']);
  const installDb = findExecutable(['mariadb-install-db', 'mysql_install_db'], ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  if (!mariadbd || !installDb) {
    throw new Error(`The embedded database needs MariaDB's mariadbd and mariadb-install-db, which are not installed — ${INSTALL_HINT} — or set DATABASE_URL to use an existing server.`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const datadirArg = `--datadir=${dbDir}`;
  for (const pid of findProcessesWithArgument(datadirArg)) {
    opts.log.warn('stopping a private MariaDB left running by an earlier run', { pid, dataDir });
    await terminate(pid, 30_000);
  }
  rmSync(socket, { force: true });
  rmSync(`${socket}.lock`, { force: true });
  rmSync(pidFile, { force: true });
  if (!existsSync(join(dbDir, 'mysql'))) installDataDir({ installDb, dbDir, log: opts.log });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = [
    '--no-defaults', // never read /etc/mysql: this server shares nothing with a system one
    datadirArg,
    `--socket=${socket}`,
    ...(opts.tcpPort ? [`--port=${opts.tcpPort}`, '--bind-address=127.0.0.1'] : ['--skip-networking']),
    `--pid-file=${pidFile}`,
    `--log-error=${errorLog}`,
    '--innodb-buffer-pool-size=64M',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    ...(asRoot ? ['--user=root'] : []), // mariadbd refuses to run as root without being told
  ];
  const child = spawn(mariadbd, args, { stdio: 'ignore' });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit); // a crashing host must not leave its database running
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const pid = child.pid ?? -1;
  try {
    await waitUntilAnswering({ socket, child, isExited: () => exited, errorLog });
    const conn = await mysql.createConnection({ socketPath: socket, user: 'root' });
    try {
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await conn.end();
    }
  } catch (error) {
    process.off('exit', killOnExit);
    await stopChild(child);
    throw error;
  }
  opts.log.info('private MariaDB started', { pid, dataDir });
  return {
    url: opts.tcpPort
      ? `mysql://root@127.0.0.1:${opts.tcpPort}/${database}`
      : `mysql://root@localhost/${database}?socket=${encodeURIComponent(socket)}`,
    pid,
    async stop() {
      process.off('exit', killOnExit);
      await stopChild(child);
      opts.log.info('private MariaDB stopped', { pid });
    },
  };
}

function findExecutable(names: string[], dirs: string[]): string | undefined {
  const path = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const dir of [...path, ...dirs]) {
    for (const name of names) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Initialises into a side directory and renames it, so a crash mid-way never leaves half a datadir. */
function installDataDir(opts: { installDb: string; dbDir: string; log: Logger }): void {
  const staging = `${opts.dbDir}.installing`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(opts.dbDir, { recursive: true, force: true });
  opts.log.info('initialising the private MariaDB data directory (once)', { dir: opts.dbDir });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const result = spawnSync(
    opts.installDb,
    [
      '--no-defaults',
      `--datadir=${staging}`,
      '--skip-test-db',
      // root with an empty password, over the socket only (the server listens on no port)
      '--auth-root-authentication-method=normal',
      ...(asRoot ? ['--user=root'] : []),
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`mariadb-install-db failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  renameSync(staging, opts.dbDir);
}

async function waitUntilAnswering(opts: { socket: string; child: ChildProcess; isExited: () => boolean; errorLog: string }): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (opts.isExited()) {
      throw new Error(`the private MariaDB exited during start-up; its log says:\n${tail(opts.errorLog)}`);
    }
    try {
      const conn = await mysql.createConnection({ socketPath: opts.socket, user: 'root', connectTimeout: 1000 });
      await conn.end();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`the private MariaDB did not answer within ${STARTUP_TIMEOUT_MS / 1000} s:\n${tail(opts.errorLog)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** SIGTERM (a clean InnoDB shutdown), then SIGKILL if it has not ended within a minute. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(true), 60_000);
  });
  if (await Promise.race([exited.then(() => false), timedOut])) {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '(no error log)';
  }
}
