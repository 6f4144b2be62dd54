import { randomUUID } from 'node:crypto';
import {
  generateEd25519KeyPair,
  importPrivateKey,
  signCommand,
  type ActionName,
  type CommandEnvelope,
  type CommandUpdate,
  type SignedCommand,
  type SigningPublicKey,
} from '@quorum/protocol';
import type { FakeCloud } from './fake-cloud';

/** A control-plane signing key, as the cloud holds it: signs envelopes; its public half is pinned by the agent. */
export class TestSigner {
  readonly keyId: string;
  readonly #privateKey: string;
  readonly publicKey: SigningPublicKey;

  constructor(keyId: string, pair = generateEd25519KeyPair()) {
    this.keyId = keyId;
    this.#privateKey = pair.privateKey;
    this.publicKey = { keyId, algorithm: 'ed25519', publicKey: pair.publicKey };
  }

  /** A signed command for `action`, valid for two minutes from now unless `overrides` say otherwise. */
  sign(action: ActionName, fields: { clusterId: string; nodeId?: string; params?: Record<string, unknown> }, overrides: Partial<CommandEnvelope> = {}): SignedCommand {
    const now = Date.now();
    const envelope: CommandEnvelope = {
      id: randomUUID(),
      orgId: 'org-test',
      agentId: 'agt_test',
      clusterId: fields.clusterId,
      ...(fields.nodeId ? { nodeId: fields.nodeId } : {}),
      action,
      params: fields.params ?? {},
      issuedBy: 'usr_test',
      issuedAt: now,
      expiresAt: now + 120_000,
      keyId: this.keyId,
      ...overrides,
    };
    return signCommand(envelope, importPrivateKey(this.#privateKey));
  }
}

const FINAL = new Set(['succeeded', 'failed', 'rejected']);

/** Waits for the command's final update (the first one to arrive) and returns it. */
export async function finalUpdate(cloud: FakeCloud, commandId: string, timeoutMs = 15_000): Promise<CommandUpdate> {
  const find = () => cloud.updatesOf(commandId).find((u) => FINAL.has(u.state));
  await cloud.waitFor(`the final update of ${commandId}`, () => find() !== undefined, timeoutMs);
  return find()!;
}

/** Sends a command and waits for its final update. */
export async function run(cloud: FakeCloud, command: SignedCommand, timeoutMs = 15_000): Promise<CommandUpdate> {
  cloud.send(command);
  return finalUpdate(cloud, command.envelope.id, timeoutMs);
}

/** Waits for an update of the command that passes `ok` (e.g. a progress step). */
export async function updateWhere(cloud: FakeCloud, commandId: string, ok: (u: CommandUpdate) => boolean, timeoutMs = 15_000): Promise<CommandUpdate> {
  const find = () => cloud.updatesOf(commandId).find(ok);
  await cloud.waitFor(`an update of ${commandId}`, () => find() !== undefined, timeoutMs);
  return find()!;
}

/** The inventory a cloud would send for cluster c1 with nodes node1..nodeN: ids clu_1 and nod_1..nod_N. */
export function inventoryFor(nodes: number, cluster = 'c1', clusterId = 'clu_1'): { clusterId: string; name: string; nodes: { nodeId: string; name: string }[] }[] {
  return [{ clusterId, name: cluster, nodes: Array.from({ length: nodes }, (_, i) => ({ nodeId: `nod_${i + 1}`, name: `node${i + 1}` })) }];
}
