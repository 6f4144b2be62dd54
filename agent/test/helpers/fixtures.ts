import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEd25519KeyPair, unreachableStatus, type NodeStatus, type StatusReading } from '@quorum/protocol';
import type { NodeSource } from '../../src/collectors/node-poller';
import { configSchema, type AgentConfig, type ConfigInput } from '../../src/config/schema';
import type { Identity } from '../../src/trust/identity-store';

export async function tempDir(prefix = 'quorum-agent-test-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** An identity with a fresh key pair, for an agent already enrolled with `cloud`. */
export function makeIdentity(websocketUrl: string, agentId = 'agt_test'): { identity: Identity; publicKey: string } {
  const keys = generateEd25519KeyPair();
  const signing = generateEd25519KeyPair();
  return {
    publicKey: keys.publicKey,
    identity: {
      agentId,
      orgId: 'org-test',
      url: websocketUrl.replace(/^ws/, 'http').replace(/\/agent$/, ''),
      websocketUrl,
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      signingKeys: [{ keyId: 'k1', algorithm: 'ed25519', publicKey: signing.publicKey }],
      enrolledAt: new Date().toISOString(),
    },
  };
}

/** A parsed config (defaults applied) for `nodes` nodes of one cluster "c1"; no file checks. */
export function makeConfig(stateDir: string, nodes: number, overrides: Partial<ConfigInput> = {}): AgentConfig {
  return configSchema.parse({
    stateDir,
    polling: { stateIntervalMs: 200, sampleIntervalMs: 1000 },
    clusters: [
      {
        name: 'c1',
        nodes: Array.from({ length: nodes }, (_, i) => ({
          name: `node${i + 1}`,
          mysql: { host: '127.0.0.1', port: 33061 + i, user: 'monitor', passwordFile: '/nonexistent' },
        })),
      },
    ],
    ...overrides,
  });
}

export async function writePasswordFile(dir: string, password: string, mode = 0o600): Promise<string> {
  const path = join(dir, `pw-${Math.random().toString(36).slice(2)}`);
  await writeFile(path, `${password}\n`, { mode });
  return path;
}

/** A synced Galera node's status with the given member names, for synthetic sources. */
export function syncedStatus(members: string[], extra: Partial<NodeStatus> = {}): NodeStatus {
  return {
    reachable: true,
    error: null,
    clusterStatus: 'Primary',
    clusterSize: members.length,
    clusterConfId: '3',
    clusterStateUuid: '82e53bb8-e9db-11f1-a4b8-1700583c31d3',
    localState: 4,
    localStateComment: 'Synced',
    ready: true,
    connected: true,
    lastCommitted: 21,
    incomingAddresses: members.map((m) => `${m}:3306`),
    gcommUuid: null,
    members: members.map((m, i) => ({ uuid: `a2119d04-e9db-11f1-a4b8-${String(i).padStart(12, '0')}`, name: m, address: `${m}:3306` })),
    clusterAddress: 'gcomm://a,b,c',
    clusterName: 'c1',
    desyncCount: 0,
    ...extra,
  };
}

/** A node whose state the test sets; counts polls and notices overlapping ones. */
export class FakeSource implements NodeSource {
  status: NodeStatus;
  polls = 0;
  overlaps = 0;
  delayMs = 0;
  #active = 0;
  #questions = 0;

  constructor(status: NodeStatus = syncedStatus(['n1', 'n2', 'n3'])) {
    this.status = status;
  }

  async pollState(): Promise<NodeStatus> {
    this.#active += 1;
    if (this.#active > 1) this.overlaps += 1;
    this.polls += 1;
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    this.#active -= 1;
    return this.status;
  }

  async readStatus(): Promise<StatusReading | undefined> {
    if (!this.status.reachable) return undefined;
    this.#questions += 100;
    return { at: Date.now(), status: { Questions: String(this.#questions), Threads_connected: '5', wsrep_cluster_size: '3' } };
  }

  async close(): Promise<void> {}

  goUnreachable(): void {
    this.status = unreachableStatus('connect ECONNREFUSED');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
