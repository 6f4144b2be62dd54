import type { GuardSettings, NodeConfigReport, OptionFile } from '@quorum/protocol';
import { errorMessage, type Logger } from '../log';
import { optionFilesFingerprint, readOptionFiles, type OptionFilesRead } from './option-files';
import type { WatchedNode } from './state-collector';

export interface ConfigWatchedNode extends WatchedNode {
  /** The node's option files (agent config `configFiles`); none: only running settings are read. */
  configFiles?: readonly string[] | undefined;
}

export interface ConfigCollectorOptions {
  nodes: readonly ConfigWatchedNode[];
  /** How often files are checked (stat only, unless they changed) and running settings read. */
  intervalMs: number;
  /** A report is sent when it changes, and again at least this often (default 10 min). */
  refreshMs?: number;
  sink: (reports: NodeConfigReport[]) => void;
  log: Logger;
  now?: () => number;
}

interface NodeState {
  read: OptionFilesRead | undefined;
  fingerprint: string | undefined;
  sentKey: string | undefined;
  sentAt: number;
}

/**
 * Feeds the configuration guard: every `intervalMs`, for each node, stats its option files (and
 * re-reads them only when a size or mtime changed, or an included file appeared or went), reads
 * the running settings with one query, and sends a report when either changed — at once, so a
 * bad `wsrep_cluster_address` written by configuration management is flagged before the restart
 * that would split the cluster.
 */
export class ConfigCollector {
  readonly #opts: ConfigCollectorOptions;
  readonly #state = new Map<ConfigWatchedNode, NodeState>();
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;
  #running = false;

  constructor(options: ConfigCollectorOptions) {
    this.#opts = options;
    for (const n of options.nodes) this.#state.set(n, { read: undefined, fingerprint: undefined, sentKey: undefined, sentAt: 0 });
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#round;
  }

  /** One check of every node (exposed for tests); resolves with what was sent. */
  async check(): Promise<NodeConfigReport[]> {
    const reports = (await Promise.all(this.#opts.nodes.map((n) => this.#checkNode(n)))).filter(
      (r): r is NodeConfigReport => r !== undefined,
    );
    if (reports.length > 0) this.#opts.sink(reports);
    return reports;
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#round = this.check()
        .then(() => undefined)
        .catch((e: unknown) => this.#opts.log.error('configuration check failed', { error: errorMessage(e) }))
        .finally(() => {
          this.#round = undefined;
          this.#schedule(this.#opts.intervalMs);
        });
    }, delayMs);
    this.#timer.unref();
  }

  async #checkNode(node: ConfigWatchedNode): Promise<NodeConfigReport | undefined> {
    const state = this.#state.get(node)!;
    const now = (this.#opts.now ?? Date.now)();
    let configured: NodeConfigReport['configured'] = null;
    if (node.configFiles && node.configFiles.length > 0) {
      const fingerprint = await optionFilesFingerprint(state.read ?? { files: [], dirs: [] }, node.configFiles);
      if (!state.read || fingerprint !== state.fingerprint) {
        const before = state.read;
        state.read = await readOptionFiles(node.configFiles);
        state.fingerprint = fingerprint;
        this.#logUnreadable(node, before?.files, state.read.files);
      }
      configured = { files: state.read.files, settings: state.read.settings };
    }
    let running: GuardSettings | null = null;
    try {
      running = (await node.source.readSettings?.()) ?? null;
    } catch {
      running = null; // a NodeSource never rejects; if one does, no running settings this round
    }
    const report: NodeConfigReport = { cluster: node.cluster, node: node.node, observedAt: now, configured, running };
    // mtimes are left out of the comparison: a touched file with the same settings is no news.
    const key = JSON.stringify([configured?.files.map((f) => [f.path, f.readable, f.error]), configured?.settings, running]);
    const refresh = this.#opts.refreshMs ?? 600_000;
    if (key === state.sentKey && now - state.sentAt < refresh) return undefined;
    if (state.sentKey !== undefined && key !== state.sentKey) {
      this.#opts.log.info('node configuration changed', {
        cluster: node.cluster,
        node: node.node,
        configuredClusterAddress: configured?.settings.wsrep_cluster_address,
        runningClusterAddress: running?.wsrep_cluster_address,
      });
    }
    state.sentKey = key;
    state.sentAt = now;
    return report;
  }

  #logUnreadable(node: ConfigWatchedNode, before: readonly OptionFile[] | undefined, after: readonly OptionFile[]): void {
    const was = new Set((before ?? []).filter((f) => !f.readable).map((f) => f.path));
    for (const f of after) {
      if (!f.readable && !was.has(f.path)) this.#opts.log.warn('option file unreadable', { cluster: node.cluster, node: node.node, path: f.path, error: f.error });
    }
  }
}
