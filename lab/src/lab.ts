import { readFile, rm, writeFile } from 'node:fs/promises';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { unreachableStatus, type NodeStatus } from '@quorum/protocol';
import { acquireSlot, slotFromEnv } from './acquire';
import { judgeCluster, type CheckResult } from './check';
import { readOption, setOption } from './config';
import { readGrastateFile, writeSafeToBootstrap, type Grastate } from './grastate';
import { ensureGaleraInstalled } from './install';
import { assertSlot, defaultBaseDir, LAB_ROOT, labNodes, type LabNode } from './layout';
import { findLabProcesses, isAlive, killLabProcessesSync, MARIADBD, nodePid, signal, spawnNode, waitExit } from './process';
import { chooseBootstrapNode, formatPosition, parseRecoveredPosition, type Position } from './recover';
import { registerOwnedLab, unregisterOwnedLab } from './safety-net';
import {
  assertTraversable,
  assertUsableBaseDir,
  chownTo,
  mysqlAccountIfRoot,
  readLabMeta,
  runToExit,
  tailOf,
  writeLabMeta,
  writeNodeFiles,
  type LabMeta,
} from './setup';
import { readSlotLock, releaseSlot, removeLabDir, updateSlotLock } from './slots';
import type {
  AttachOptions,
  ControlAction,
  CreateOptions,
  LabNodeStatus,
  RecoverResult,
  StartOptions,
  StopOptions,
  WaitOptions,
} from './types';
import { pollStatus, runSql, sqlString } from './sql';

const CLI_PATH = fileURLToPath(new URL('./cli.ts', import.meta.url));
const isSynced = (s: NodeStatus): boolean => s.reachable && s.localStateComment === 'Synced';

interface LabState {
  slot: number;
  baseDir: string;
  meta: LabMeta;
  log: (line: string) => void;
}

/**
 * A real MariaDB Galera cluster on loopback, for tests, benchmarks and the demo. See README.md
 * for the slot/port scheme and GALERA.md for what the cluster does.
 *
 * @example
 * const lab = await GaleraLab.create({ nodes: 3 });
 * try { await lab.stop('node3'); } finally { await lab.destroy(); }
 */
export class GaleraLab {
  readonly slot: number;
  readonly baseDir: string;
  readonly clusterName: string;
  readonly nodes: ReadonlyArray<LabNode>;
  readonly monitor: { readonly user: 'monitor'; readonly password: string };
  private readonly log: (line: string) => void;
  private destroyed = false;
  /** Tells this lab from a later one in the same directory (slot directories are reused). */
  private readonly createdAt: string;
  /** Set on the lab `create` returned (until it is made persistent); attached labs own nothing. */
  private owned = false;

  private constructor(state: LabState) {
    this.slot = state.slot;
    this.baseDir = state.baseDir;
    this.clusterName = state.meta.clusterName;
    this.nodes = Object.freeze(labNodes(state.slot, state.baseDir, state.meta.nodes));
    this.monitor = Object.freeze({ user: 'monitor' as const, password: state.meta.monitorPassword });
    this.log = state.log;
    this.createdAt = state.meta.createdAt;
  }

  /** Creates and starts a lab: node1 bootstraps, the others join one by one (rsync SST). */
  static async create(options: CreateOptions = {}): Promise<GaleraLab> {
    ensureGaleraInstalled();
    const started = Date.now();
    const count = options.nodes ?? 3;
    labNodes(0, '/', count); // validates the count before anything is taken
    const clusterName = options.clusterName ?? 'galera-lab';
    const monitorPassword = options.monitorPassword ?? 'monitor';
    if (/[\r\n\0]/.test(monitorPassword)) throw new Error('galera-lab: monitorPassword cannot contain newlines');
    const log = options.log ?? (() => {});
    const account = mysqlAccountIfRoot();
    const customDir = options.baseDir === undefined ? undefined : resolve(options.baseDir);
    if (customDir !== undefined) {
      assertUsableBaseDir(customDir);
      if (account) assertTraversable(customDir, account);
    }

    const lock = await acquireSlot({ slot: options.slot ?? slotFromEnv(), baseDir: customDir, count, log });
    const meta: LabMeta = {
      version: 1,
      slot: lock.slot,
      nodes: count,
      clusterName,
      monitorPassword,
      createdAt: new Date().toISOString(),
    };
    const lab = new GaleraLab({ slot: lock.slot, baseDir: lock.baseDir, meta, log });
    registerOwnedLab({ slot: lab.slot, baseDir: lab.baseDir });
    lab.owned = true;
    try {
      await lab.build(meta, account);
      if (options.persistent) {
        updateSlotLock({ ...lock, pid: null, startTime: null, persistent: true });
        unregisterOwnedLab(lab.baseDir);
        lab.owned = false;
      }
    } catch (error) {
      log(`create failed, destroying slot ${lab.slot}: ${(error as Error).message}`);
      await lab.destroy().catch(() => {});
      throw error;
    }
    log(`up: ${count} nodes Synced, cluster_size=${count}, slot ${lab.slot}, in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return lab;
  }

  /** Re-opens an existing lab (the CLI, the demo). Attaching does not make this process its owner. */
  static async attach(options: AttachOptions = {}): Promise<GaleraLab> {
    let baseDir = options.baseDir === undefined ? undefined : resolve(options.baseDir);
    if (baseDir === undefined) {
      const slot = options.slot ?? slotFromEnv();
      if (slot === undefined) throw new Error('galera-lab: attach needs a slot or a baseDir (or QUORUM_LAB_SLOT)');
      assertSlot(slot);
      baseDir = readSlotLock(slot)?.baseDir ?? defaultBaseDir(slot);
    }
    const meta = readLabMeta(baseDir);
    if (options.slot !== undefined && options.slot !== meta.slot) {
      throw new Error(`galera-lab: ${baseDir} is the lab of slot ${meta.slot}, not ${options.slot}`);
    }
    return new GaleraLab({ slot: meta.slot, baseDir, meta, log: options.log ?? (() => {}) });
  }

  private async build(meta: LabMeta, account: ReturnType<typeof mysqlAccountIfRoot>): Promise<void> {
    mkdirSync(this.baseDir, { recursive: true, mode: 0o755 });
    writeLabMeta(this.baseDir, meta); // first: it marks the directory as a lab we may delete
    writeNodeFiles(this.nodes, meta.clusterName, account);
    if (account) await chownTo(this.baseDir, account);
    const first = this.nodes[0]!;
    await runToExit(
      'mariadb-install-db',
      [
        '--no-defaults',
        ...(account ? [`--user=${account.name}`] : []),
        `--datadir=${first.dataDir}`,
        '--skip-test-db',
        '--auth-root-authentication-method=normal',
        '--innodb-log-file-size=48M',
        // Not /tmp: a starting mariadbd deletes every #sql* file in its tmpdir, so concurrent
        // install-db runs (other labs) would delete each other's temporary tables
        // ("ERROR: 1051 Unknown table 'mysql.tmp_user_sys'").
        `--tmpdir=${join(first.dir, 'tmp')}`,
      ],
      { logFile: join(first.dir, 'install-db.log'), timeoutMs: 120_000 },
    );
    await this.start(first.name, { args: ['--wsrep-new-cluster'] });
    // Joiners start with an empty datadir and get everything by SST, one at a time: one donor
    // serves one SST, and a second joiner would only wait (or pick a joiner as donor).
    for (const node of this.nodes.slice(1)) await this.start(node.name);
    const password = sqlString(meta.monitorPassword);
    await this.sql(
      first.name,
      `CREATE USER IF NOT EXISTS 'monitor'@'%' IDENTIFIED BY ${password};
       ALTER USER 'monitor'@'%' IDENTIFIED BY ${password};
       GRANT PROCESS, BINLOG MONITOR, SLAVE MONITOR, SELECT ON *.* TO 'monitor'@'%'`,
    );
    const size = this.nodes.length;
    for (const node of this.nodes) {
      await this.waitFor(node.name, (s) => isSynced(s) && s.clusterSize === size, { timeoutMs: 60_000 });
    }
  }

  node(name: string): LabNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) {
      throw new Error(`galera-lab: unknown node ${JSON.stringify(name)} (lab has ${this.nodes.map((n) => n.name).join(', ')})`);
    }
    return node;
  }

  /** The node's mariadbd pid, verified through /proc; null when it is not running. */
  pid(name: string): number | null {
    const node = this.node(name);
    return nodePid(node.pidFile, node.myCnf);
  }

  async isRunning(name: string): Promise<boolean> {
    return this.pid(name) !== null;
  }

  async start(name: string, options: StartOptions = {}): Promise<void> {
    const node = this.node(name);
    const running = this.pid(name);
    const args = options.args ?? [];
    if (running !== null) {
      if (args.length > 0) throw new Error(`galera-lab: ${name} is already running (pid ${running}); stop it first`);
      this.log(`${name} already running (pid ${running})`);
    } else {
      const pid = await spawnNode({ myCnf: node.myCnf, args, consoleLog: node.consoleLog, pidFile: node.pidFile });
      this.log(`${name} started pid ${pid}${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
    }
    const wait = options.wait ?? 'synced';
    if (wait === 'none') return;
    const began = Date.now();
    await this.waitFor(name, wait === 'synced' ? isSynced : (s) => s.reachable, {
      timeoutMs: options.timeoutMs ?? 120_000,
    });
    this.log(`${name} ${wait === 'synced' ? 'Synced' : 'answering'} after ${((Date.now() - began) / 1000).toFixed(1)}s`);
  }

  /** SIGTERM (a clean shutdown, grastate gets the real seqno) and wait for the exit. */
  async stop(name: string, options: StopOptions = {}): Promise<void> {
    const pid = this.pid(name);
    if (pid === null) return;
    const timeoutMs = options.timeoutMs ?? 60_000;
    signal(pid, 'SIGTERM');
    if (await waitExit(pid, timeoutMs)) {
      this.log(`${name} stopped (SIGTERM, pid ${pid})`);
      await this.sweep(name);
      return;
    }
    if (!options.killAfterTimeout) {
      throw new Error(
        `galera-lab: ${name} (pid ${pid}) still runs ${timeoutMs} ms after SIGTERM; a node still waiting ` +
          'for a Primary component ignores SIGTERM: use kill(), or stop with killAfterTimeout',
      );
    }
    this.log(`${name} ignored SIGTERM for ${timeoutMs} ms: SIGKILL`);
    await this.kill(name);
  }

  /** SIGKILL (a crash: grastate keeps seqno -1) and wait for the exit. */
  async kill(name: string): Promise<void> {
    const pid = this.pid(name);
    if (pid !== null) {
      signal(pid, 'SIGKILL');
      if (!(await waitExit(pid, 30_000))) throw new Error(`galera-lab: ${name} (pid ${pid}) survived SIGKILL for 30 s`);
      this.log(`${name} killed (SIGKILL, pid ${pid})`);
    }
    await this.sweep(name);
  }

  /** SST helpers (rsync daemon, wsrep_sst_rsync) of a dead mariadbd would hold its SST port. */
  private async sweep(name: string): Promise<void> {
    const node = this.node(name);
    const leftovers = findLabProcesses(node.dir);
    if (leftovers.length === 0) return;
    for (const pid of leftovers) signal(pid, 'SIGKILL');
    await Promise.all(leftovers.map((pid) => waitExit(pid, 10_000)));
    this.log(`${name}: killed leftover processes ${leftovers.join(' ')}`);
  }

  /** Polls until `predicate` holds. Fails early if the node is not running (with its error log). */
  async waitFor(name: string, predicate: (s: NodeStatus) => boolean, options: WaitOptions = {}): Promise<NodeStatus> {
    const node = this.node(name);
    const timeoutMs = options.timeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    let last: NodeStatus;
    for (;;) {
      last = await pollStatus({ socket: node.socket }, { timeoutMs: 5_000 });
      if (predicate(last)) return last;
      if (this.pid(name) === null) {
        throw new Error(`galera-lab: ${name} is not running (wanted a state it did not reach); ${tailOf(node.errorLog)}`);
      }
      if (Date.now() >= deadline) break;
      await sleep(options.intervalMs ?? 250);
    }
    const seen = last.reachable
      ? `${last.clusterStatus} size=${last.clusterSize} ${last.localStateComment}`
      : `unreachable: ${last.error}`;
    throw new Error(`galera-lab: ${name} did not reach the wanted state in ${timeoutMs} ms (last: ${seen}); see ${node.errorLog}`);
  }

  /** SQL as root over the node's unix socket; the rows of the last statement that returned rows. */
  async sql(name: string, sql: string): Promise<Record<string, unknown>[]> {
    return runSql({ socket: this.node(name).socket }, sql, { timeoutMs: 30_000 });
  }

  async status(): Promise<LabNodeStatus[]> {
    return Promise.all(
      this.nodes.map(async (node) => {
        const pid = this.pid(node.name);
        const [status, grastate] = await Promise.all([
          pid === null ? unreachableStatus('not running') : pollStatus({ socket: node.socket }),
          this.readGrastate(node.name).catch(() => null),
        ]);
        return { node: node.name, pid, rssMb: pid === null ? null : rssMb(pid), status, grastate };
      }),
    );
  }

  async readGrastate(name: string): Promise<Grastate | null> {
    return readGrastateFile(join(this.node(name).dataDir, 'grastate.dat'));
  }

  async setSafeToBootstrap(name: string, safe: boolean): Promise<void> {
    await writeSafeToBootstrap(join(this.node(name).dataDir, 'grastate.dat'), safe);
  }

  /** `mariadbd --wsrep-recover`: the position InnoDB recovered. The node must be down. */
  async wsrepRecover(name: string): Promise<Position> {
    const node = this.node(name);
    const pid = this.pid(name);
    if (pid !== null) throw new Error(`galera-lab: ${name} is running (pid ${pid}); wsrep-recover needs it down`);
    const logFile = join(node.dir, 'wsrep-recover.log');
    await rm(logFile, { force: true });
    await runToExit(MARIADBD, [`--defaults-file=${node.myCnf}`, '--wsrep-recover', `--log-error=${logFile}`], {
      logFile: node.consoleLog,
      timeoutMs: 120_000,
    });
    const position = parseRecoveredPosition(await readFile(logFile, 'utf8').catch(() => ''));
    if (!position) throw new Error(`galera-lab: ${name}: --wsrep-recover gave no position; ${tailOf(logFile)}`);
    this.log(`${name} recovered position: ${formatPosition(position)}`);
    return position;
  }

  /**
   * Restarts a cluster whose nodes all died (GALERA.md §7, manual procedure): the most advanced
   * node bootstraps with its position, so the state UUID survives; the others join with theirs
   * (IST where the donor still has the writesets).
   */
  async recover(): Promise<RecoverResult> {
    const running = this.nodes.filter((n) => this.pid(n.name) !== null).map((n) => n.name);
    if (running.length > 0) {
      throw new Error(`galera-lab: recover is for a fully stopped cluster; running: ${running.join(', ')} (kill them first)`);
    }
    const positions: Record<string, Position | null> = {};
    const candidates = [];
    for (const node of this.nodes) {
      const grastate = await this.readGrastate(node.name);
      let position: Position | null =
        grastate && grastate.seqno >= 0 ? { uuid: grastate.uuid, seqno: grastate.seqno } : null;
      if (position === null) position = await this.wsrepRecover(node.name).catch(() => null);
      positions[node.name] = position;
      candidates.push({ node: node.name, position, safeToBootstrap: grastate?.safeToBootstrap ?? false });
    }
    const best = chooseBootstrapNode(candidates);
    const bestPosition = positions[best]!;
    this.log(`most advanced: ${best} (${formatPosition(bestPosition)}) -> safe_to_bootstrap: 1, --wsrep-new-cluster`);
    if (await this.readGrastate(best)) await this.setSafeToBootstrap(best, true);
    await this.start(best, { args: ['--wsrep-new-cluster', `--wsrep-start-position=${formatPosition(bestPosition)}`] });
    for (const node of this.nodes) {
      if (node.name === best) continue;
      const own = positions[node.name];
      await this.start(node.name, { args: own ? [`--wsrep-start-position=${formatPosition(own)}`] : [] });
    }
    return { bootstrapped: best, positions };
  }

  /** Edits one `[mysqld]` option of the node's my.cnf in place (no restart); `null` removes it. */
  async setConfigOption(name: string, key: string, value: string | null): Promise<void> {
    const node = this.node(name);
    const text = await readFile(node.myCnf, 'utf8');
    await writeFile(node.myCnf, setOption(text, 'mysqld', key, value)); // in place: keeps the owner
  }

  /** The value of a `[mysqld]` option in the node's my.cnf (`''` for a flag, null when absent). */
  configOption(name: string, key: string): string | null {
    return readOption(readFileSync(this.node(name).myCnf, 'utf8'), 'mysqld', key);
  }

  /** Cuts the node off from the others without a firewall (`gmcast.isolate=1`). */
  async partition(name: string): Promise<void> {
    await this.sql(name, "SET GLOBAL wsrep_provider_options='gmcast.isolate=1'");
  }

  /** Undoes every partition (nodes that are down are skipped). */
  async heal(): Promise<void> {
    await Promise.all(
      this.nodes
        .filter((n) => this.pid(n.name) !== null)
        .map((n) => this.sql(n.name, "SET GLOBAL wsrep_provider_options='gmcast.isolate=0'").catch(() => {})),
    );
  }

  /** The split-brain oracle over every node of the lab (see check.ts). */
  async check(): Promise<CheckResult> {
    const polled = await Promise.all(
      this.nodes.map(async (n) => ({
        node: n.name,
        status: this.pid(n.name) === null ? unreachableStatus('not running') : await pollStatus({ socket: n.socket }),
      })),
    );
    return judgeCluster(polled, this.nodes.length);
  }

  /** The argv of the CLI doing `action` on this node of this lab (for the agent's `exec` control). */
  controlCommand(name: string, action: ControlAction): string[] {
    this.node(name);
    if (!['start', 'stop', 'kill'].includes(action)) throw new Error(`galera-lab: bad control action ${JSON.stringify(action)}`);
    const where = this.baseDir === defaultBaseDir(this.slot) ? ['--slot', String(this.slot)] : ['--dir', this.baseDir];
    // An absolute loader path, so the command works from any working directory.
    return [process.execPath, '--import', import.meta.resolve('tsx'), CLI_PATH, ...where, action, name];
  }

  /** Stops every node, highest first, so node1 leaves last (and gets safe_to_bootstrap: 1). */
  async down(options: StopOptions = {}): Promise<void> {
    for (const node of [...this.nodes].reverse()) await this.stop(node.name, options);
  }

  /**
   * Stops everything, deletes the directory, frees the slot. Idempotent and quiet about nodes that
   * are already gone. Nodes get SIGTERM one at a time, highest first (as `down`: ~0.3 s each),
   * because SIGTERM to all at once makes each wait ~5 s for peers that are leaving too; a node
   * still running after `timeoutMs` (default 5 s, e.g. one waiting for a Primary) gets SIGKILL.
   */
  private replaced(): boolean {
    try {
      return readLabMeta(this.baseDir).createdAt !== this.createdAt;
    } catch {
      return false; // no lab.json (gone, or torn): nothing to tell us it is someone else's
    }
  }

  async destroy(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.destroyed) return;
    const began = Date.now();
    if ((this.owned && readSlotLock(this.slot)?.pid !== process.pid) || this.replaced()) {
      // Destroyed behind our back (e.g. the CLI) and maybe re-used since: the directory is not ours.
      this.log(`slot ${this.slot} no longer holds this lab; nothing to destroy`);
      unregisterOwnedLab(this.baseDir);
      this.destroyed = true;
      return;
    }
    const pids: number[] = [];
    for (const node of [...this.nodes].reverse()) {
      const pid = this.pid(node.name);
      if (pid === null) continue;
      pids.push(pid);
      signal(pid, 'SIGTERM');
      if (!(await waitExit(pid, options.timeoutMs ?? 5_000))) signal(pid, 'SIGKILL');
    }
    // Anything else of this lab: nodes a CLI started, SST helpers, a --wsrep-recover run.
    killLabProcessesSync(this.baseDir, 10_000);
    const survivors = pids.filter((pid) => isAlive(pid)).concat(findLabProcesses(this.baseDir));
    if (survivors.length > 0) throw new Error(`galera-lab: destroy: processes survived SIGKILL: ${survivors.join(' ')}`);
    removeLabDir(this.baseDir, LAB_ROOT);
    releaseSlot({ slot: this.slot, baseDir: this.baseDir });
    unregisterOwnedLab(this.baseDir);
    this.destroyed = true;
    this.log(`destroyed slot ${this.slot} (${this.baseDir}) in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  }
}

function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
