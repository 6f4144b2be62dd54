import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { renderMyCnf } from './config';
import type { LabNode } from './layout';
import { LAB_MARKER } from './slots';

/** `lab.json`: what `attach` needs to re-open a lab; also the marker that a directory is a lab. */
export interface LabMeta {
  version: 1;
  slot: number;
  nodes: number;
  clusterName: string;
  monitorPassword: string;
  createdAt: string;
}

export function writeLabMeta(baseDir: string, meta: LabMeta): void {
  writeFileSync(join(baseDir, LAB_MARKER), `${JSON.stringify(meta, null, 2)}\n`);
}

export function readLabMeta(baseDir: string): LabMeta {
  const path = join(baseDir, LAB_MARKER);
  let parsed: Partial<LabMeta>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LabMeta>;
  } catch (error) {
    throw new Error(`galera-lab: no lab in ${baseDir} (cannot read ${path})`, { cause: error });
  }
  if (
    typeof parsed.slot !== 'number' ||
    typeof parsed.nodes !== 'number' ||
    typeof parsed.clusterName !== 'string' ||
    typeof parsed.monitorPassword !== 'string'
  ) {
    throw new Error(`galera-lab: ${path} is not a lab description (slot, nodes, clusterName, monitorPassword)`);
  }
  return {
    version: 1,
    slot: parsed.slot,
    nodes: parsed.nodes,
    clusterName: parsed.clusterName,
    monitorPassword: parsed.monitorPassword,
    createdAt: typeof parsed.createdAt === 'string' ? parsed.createdAt : '',
  };
}

export interface Account {
  name: string;
  uid: number;
  gid: number;
}

/** The mysql account mariadbd switches to when started as root; null when we are not root. */
export function mysqlAccountIfRoot(): Account | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('mysql:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error('galera-lab: running as root but there is no "mysql" user (is mariadb-server installed?)');
  }
  return { name: 'mysql', uid: Number(uid), gid: Number(gid) };
}

/** mariadbd (as mysql) must be able to reach the lab dir: every parent needs o+x (or mysql owns it). */
export function assertTraversable(dir: string, account: Account): void {
  for (let p = dirname(dir); ; p = dirname(p)) {
    if (existsSync(p)) {
      const st = statSync(p);
      const ok = (st.mode & 0o001) !== 0 || (st.uid === account.uid && (st.mode & 0o100) !== 0);
      if (!ok) {
        throw new Error(
          `galera-lab: ${p} is not traversable by user ${account.name}, so mariadbd cannot reach ${dir}; ` +
            'use a baseDir under /tmp (the default) or chmod o+x the parents',
        );
      }
    }
    if (p === dirname(p)) return;
  }
}

/** A custom baseDir may exist but must be empty: we delete it on destroy. */
export function assertUsableBaseDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`galera-lab: ${dir} exists and is not empty (attach to it, or destroy that lab first)`);
  }
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `host:port` of every lab port that something already listens on (fail early, not mid-join). */
export async function busyPorts(nodes: ReadonlyArray<LabNode>): Promise<string[]> {
  const checks = nodes.flatMap((n) =>
    [n.port, n.galeraPort, n.istPort, n.sstPort].map(async (port) =>
      (await portFree(n.host, port)) ? null : `${n.host}:${port}`,
    ),
  );
  return (await Promise.all(checks)).filter((x): x is string => x !== null);
}

/** Node directories and my.cnf files. */
export function writeNodeFiles(nodes: ReadonlyArray<LabNode>, clusterName: string, account: Account | null): void {
  for (const node of nodes) {
    mkdirSync(join(node.dir, 'data'), { recursive: true });
    mkdirSync(join(node.dir, 'tmp'), { recursive: true });
    writeFileSync(node.myCnf, renderMyCnf({ node, peers: nodes, clusterName, runAsUser: account?.name ?? null }));
  }
}

export interface RunOptions {
  logFile: string;
  timeoutMs: number;
}

/** Runs a program to completion with output to a log file; rejects on failure with the log's tail. */
export function runToExit(program: string, args: ReadonlyArray<string>, options: RunOptions): Promise<void> {
  const out = openSync(options.logFile, 'a');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', out, out] });
    closeSync(out);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`galera-lab: cannot run ${program}`, { cause: error }));
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = sig ? `killed by ${sig}${sig === 'SIGKILL' ? ` after ${options.timeoutMs} ms` : ''}` : `exit ${code}`;
      reject(new Error(`galera-lab: ${program} failed (${why}); ${tailOf(options.logFile)}`));
    });
  });
}

/** Chown the lab to mysql (mariadbd as root drops to it; the data dir must be writable then). */
export function chownTo(dir: string, account: Account): Promise<void> {
  return runToExit('chown', ['-R', `${account.uid}:${account.gid}`, dir], {
    logFile: join(dir, 'setup.log'),
    timeoutMs: 30_000,
  });
}

/**
 * For error messages that say why a node or tool failed: the log's `[ERROR]` lines (the cause is
 * often far above the end) and its last lines.
 */
export function tailOf(path: string, lines = 20): string {
  try {
    const all = readFileSync(path, 'utf8').trimEnd().split('\n');
    const errors = all.filter((l) => /\[ERROR\]|ERROR:/.test(l)).slice(-10);
    const tail = all.slice(-lines);
    const shownErrors = errors.filter((l) => !tail.includes(l));
    return [`last lines of ${path}:`, ...(shownErrors.length > 0 ? [...shownErrors, '...'] : []), ...tail].join('\n');
  } catch {
    return `(no ${path})`;
  }
}
