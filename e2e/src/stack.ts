import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION_NAMES } from '@quorum/protocol';
import { startLocalHost, type LocalHost } from '@quorum/cloud';
import { GaleraLab, ensureGaleraInstalled } from '@quorum/lab';
import { AgentProcess, runAgentCommand } from './agent-process';
import { ApiClient } from './api-client';
import { waitFor } from './wait';

/**
 * The whole product on one machine, as a customer runs it: a real Galera lab, the control plane
 * (local host), an operator account, and a real `quorum-agent` process enrolled with a token
 * from the API and watching every lab node. Shared by the end-to-end tests, `npm run demo` and
 * the benchmarks.
 */
export interface StackOptions {
  nodes?: number;
  /** Unset: the control plane starts its private embedded MariaDB under the work dir. */
  databaseUrl?: string;
  /** 0 (default) picks a free port; the demo uses 8080. */
  port?: number;
  workDir?: string;
  polling?: { stateIntervalMs?: number; sampleIntervalMs?: number; configIntervalMs?: number };
  email?: string;
  password?: string;
  organization?: string;
  log?: (line: string) => void;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Keep the lab after this process exits (the demo). */
  persistentLab?: boolean;
  /**
   * How the operator's account and the agent's enrollment token come about, once the control
   * plane is up. Default: signup and token through the API. The portal's browser tests sign up
   * and create the token in the browser, and the agent enrolls with the token the page showed.
   */
  onboard?: (host: LocalHost) => Promise<{ email: string; password: string; enrollmentToken: string }>;
  /**
   * Alert delivery: the SMTP server for email channels, and whether Slack/webhook channels may
   * point at loopback receivers (tests only: it turns the SSRF guard off).
   */
  notifications?: { smtpUrl?: string; mailFrom?: string; allowPrivateTargets?: boolean };
  /** The agent reads each lab node's my.cnf for the configuration guard (`configFiles`). */
  watchConfigFiles?: boolean;
}

export interface ClusterNodeView {
  id: string;
  name: string;
  state: string;
  clusterStatus: string | null;
  fresh: boolean;
  [field: string]: unknown;
}

export interface ClusterView {
  id: string;
  name: string;
  health: string;
  summary: string;
  nodes: ClusterNodeView[];
  assessment?: any;
  [field: string]: unknown;
}

export class Stack {
  private constructor(
    readonly lab: GaleraLab,
    public host: LocalHost,
    readonly api: ApiClient,
    public agent: AgentProcess,
    readonly workDir: string,
    readonly agentConfigPath: string,
    private readonly hostOptions: Parameters<typeof startLocalHost>[0],
    readonly credentials: { email: string; password: string; orgId: string },
  ) {}

  static async start(opts: StackOptions = {}): Promise<Stack> {
    ensureGaleraInstalled();
    const log = opts.log ?? (() => {});
    const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'quorum-stack-'));
    let lab: GaleraLab | undefined;
    let host: LocalHost | undefined;
    try {
      log(`starting a ${opts.nodes ?? 3}-node Galera lab…`);
      lab = await GaleraLab.create({ nodes: opts.nodes ?? 3, persistent: opts.persistentLab ?? false, log });
      const hostOptions = {
        dataDir: join(workDir, 'cloud'),
        port: opts.port ?? 0,
        databaseUrl: opts.databaseUrl,
        logLevel: opts.logLevel ?? 'warn',
        schedule: { offlineEveryMs: 2_000 },
        smtpUrl: opts.notifications?.smtpUrl,
        mailFrom: opts.notifications?.mailFrom,
        allowPrivateTargets: opts.notifications?.allowPrivateTargets ?? false,
      } as const;
      log('starting the control plane…');
      host = await startLocalHost(hostOptions);
      const api = new ApiClient(host.url);
      let credentials: { email: string; password: string };
      let orgId: string;
      let enrollment: { token: string };
      if (opts.onboard) {
        const onboarded = await opts.onboard(host);
        credentials = { email: onboarded.email, password: onboarded.password };
        ({ orgId } = await api.login(credentials));
        enrollment = { token: onboarded.enrollmentToken };
      } else {
        credentials = {
          email: opts.email ?? `operator-${Date.now()}@example.com`,
          password: opts.password ?? 'correct horse battery staple',
        };
        ({ orgId } = await api.signup({ ...credentials, organization: opts.organization ?? 'Acme Shop' }));
        enrollment = await api.post<{ token: string }>('/enrollment-tokens', { maxUses: 1, expiresInMinutes: 10 });
      }

      const configPath = writeAgentConfig({ lab, workDir, polling: opts.polling, watchConfigFiles: opts.watchConfigFiles ?? false });
      log('enrolling the agent…');
      const enrolled = await runAgentCommand(['enroll', '--url', host.url, '--token', enrollment.token, '--config', configPath]);
      if (enrolled.code !== 0) throw new Error(`quorum-agent enroll failed (${enrolled.code}): ${enrolled.stderr}`);
      const agent = new AgentProcess({ configPath, logFile: join(workDir, 'agent.log') });
      const stack = new Stack(lab, host, api, agent, workDir, configPath, hostOptions, { ...credentials, orgId });
      return stack;
    } catch (error) {
      await host?.stop().catch(() => {});
      await lab?.destroy().catch(() => {});
      throw error;
    }
  }

  async clusters(): Promise<ClusterView[]> {
    return (await this.api.get<{ clusters: ClusterView[] }>('/clusters')).clusters;
  }

  async cluster(): Promise<ClusterView> {
    const [summary] = await this.clusters();
    if (!summary) throw new Error('no cluster reported yet');
    return this.api.get<ClusterView>(`/clusters/${summary.id}`);
  }

  /** Waits until the cluster's health is `health` and `check` (if given) holds. */
  async waitForHealth(health: string, opts: { timeoutMs?: number; check?: (c: ClusterView) => boolean } = {}): Promise<ClusterView> {
    let last: ClusterView | undefined;
    return waitFor(
      `cluster health ${health}`,
      async () => {
        last = await this.cluster();
        return last.health === health && (opts.check?.(last) ?? true) ? last : undefined;
      },
      {
        timeoutMs: opts.timeoutMs ?? 60_000,
        describe: () => (last ? `${last.health}: ${last.summary} [${last.nodes.map((n) => `${n.name}=${n.state}`).join(' ')}]` : 'nothing'),
      },
    );
  }

  /**
   * The first half of the weekend fault: stops `node` and waits until its peers have dropped it
   * and the API shows the cluster degraded, then does what the operator did — marks it safe to
   * bootstrap. Starting it with `--wsrep-cluster-address=gcomm://` next is the split.
   */
  async stopForSplit(node = 'node3'): Promise<void> {
    const others = this.lab.nodes.length - 1;
    await this.lab.stop(node);
    await waitFor(`the survivors to drop ${node}`, async () =>
      (await this.lab.status()).filter((s) => s.status.clusterSize === others).length === others ? true : undefined,
    { timeoutMs: 30_000 });
    await this.waitForHealth('degraded', { timeoutMs: 30_000 });
    await this.lab.setSafeToBootstrap(node, true);
  }

  /** Repairs a node that split off the documented way: stop, delete grastate.dat (full SST), start; waits for healthy. */
  async repairSplitNode(node = 'node3'): Promise<void> {
    await this.lab.stop(node);
    await rm(join(this.lab.node(node).dataDir, 'grastate.dat'), { force: true });
    await this.lab.start(node);
    await this.waitForHealth('healthy', { timeoutMs: 120_000 });
  }

  /** Adds a notification channel through the API (as an admin would); returns its id. */
  async addChannel(channel: { type: 'email'; name: string; to: string[] } | { type: 'slack' | 'webhook'; name: string; url: string }): Promise<string> {
    return (await this.api.post<{ id: string }>('/notification-channels', channel)).id;
  }

  /** Stops the control plane and starts it again on the same port, database and data dir. */
  async restartHost(): Promise<void> {
    await this.host.stop();
    this.host = await startLocalHost({ ...this.hostOptions, port: this.host.port });
  }

  async stop(opts: { keepWorkDir?: boolean } = {}): Promise<void> {
    await this.agent.stop().catch(() => {});
    await this.host.stop().catch(() => {});
    await this.lab.destroy().catch(() => {});
    if (!opts.keepWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }
}

/**
 * The agent's config for every lab node: monitor user, password file, `exec` control via the lab
 * CLI — start passes the actions' mariadbd options (`{mariadbdArgs}`: `--wsrep-new-cluster`,
 * `--wsrep-start-position=…`), recover runs `--wsrep-recover` — the node's data dir and error log,
 * the node's my.cnf for the configuration guard when asked, and signed commands allowed: every
 * action, not read-only (the lab is there to be operated).
 */
export function writeAgentConfig(opts: { lab: GaleraLab; workDir: string; polling?: StackOptions['polling']; watchConfigFiles?: boolean }): string {
  const passwordFile = join(opts.workDir, 'monitor.password');
  writeFileSync(passwordFile, `${opts.lab.monitor.password}\n`, { mode: 0o600 });
  const config = {
    stateDir: join(opts.workDir, 'agent-state'),
    polling: { stateIntervalMs: 1000, sampleIntervalMs: 10_000, ...opts.polling },
    commands: { readOnly: false, allow: [...ACTION_NAMES] },
    clusters: [
      {
        name: opts.lab.clusterName,
        expectedSize: opts.lab.nodes.length,
        nodes: opts.lab.nodes.map((n) => ({
          name: n.name,
          mysql: { host: n.host, port: n.port, user: opts.lab.monitor.user, passwordFile },
          control: {
            method: 'exec',
            start: [...opts.lab.controlCommand(n.name, 'start'), '{mariadbdArgs}'],
            stop: opts.lab.controlCommand(n.name, 'stop'),
            kill: opts.lab.controlCommand(n.name, 'kill'),
            recover: labCommand(opts.lab, n.name, 'wsrep-recover'),
          },
          dataDir: n.dataDir,
          errorLog: n.errorLog,
          ...(opts.watchConfigFiles ? { configFiles: [n.myCnf] } : {}),
        })),
      },
    ],
  };
  const path = join(opts.workDir, 'agent.yaml');
  // JSON is YAML: the agent's YAML parser reads it as is.
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/**
 * The lab CLI's argv for a command `controlCommand` does not offer (it knows start/stop/kill):
 * the same program and lab selection, another command. `wsrep-recover NODE` prints `UUID:SEQNO`.
 */
function labCommand(lab: GaleraLab, node: string, command: 'wsrep-recover'): string[] {
  const argv = lab.controlCommand(node, 'stop');
  return [...argv.slice(0, -2), command, node];
}
