import type { ActionName } from '@quorum/protocol';
import type { Actor } from '../core/audit/actor';
import { APPROVAL_WINDOW_MS } from '../core/commands/envelope';
import { recordAudit } from '../db/repos/audit.repo';
import { insertCommand, type CommandRow, type NewCommand } from '../db/repos/commands.repo';
import type { Queryable } from '../db/repos/queryable';
import type { TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { signEnvelope } from './sign-envelope';

export interface IssueCommandInput {
  /** The envelope id: a fresh UUID. */
  id: string;
  clusterId: string;
  nodeId: string | null;
  agentId: string;
  action: ActionName;
  /** Already validated against the action's schema (defaults applied). */
  params: Record<string, unknown>;
  /** The envelope's `issuedBy`: a user id, an API token id, or `system:<job>`. */
  issuedBy: string;
  issuerUserId: string | null;
  actor: Actor;
  requestId: string | null;
  parentId: string | null;
  /** The org's policy wants a second person: stored unsigned, `awaiting_approval`. */
  awaitApproval: boolean;
  now: number;
  /** Sign with this key (a trust update must be signed by a key the agent already pins). */
  signWith?: string;
}

/**
 * Creates a command in the caller's transaction: signed at once (or left unsigned until approved),
 * with its `command.create` audit row. Delivery happens after the commit (`deliverCommands`), so an
 * agent never receives a command that was rolled back.
 */
export async function issueCommand(tx: Queryable, deps: Pick<Deps, 'signer'>, scope: TenantScope, input: IssueCommandInput): Promise<CommandRow> {
  const signed = input.awaitApproval
    ? undefined
    : await signEnvelope(tx, deps, scope, {
        id: input.id,
        agentId: input.agentId,
        clusterId: input.clusterId,
        nodeId: input.nodeId,
        action: input.action,
        params: input.params,
        issuedBy: input.issuedBy,
        approvedBy: null,
        issuedAt: input.now,
      }, input.signWith);
  const row: NewCommand = {
    id: input.id,
    clusterId: input.clusterId,
    nodeId: input.nodeId,
    agentId: input.agentId,
    action: input.action,
    params: input.params,
    state: signed ? 'queued' : 'awaiting_approval',
    issuedBy: input.issuedBy,
    issuerUserId: input.issuerUserId,
    approvedBy: null,
    createdAt: input.now,
    expiresAt: signed ? signed.envelope.expiresAt : input.now + APPROVAL_WINDOW_MS,
    envelope: signed?.envelope ?? null,
    signature: signed?.signature ?? null,
    parentId: input.parentId,
    orchestration: null,
  };
  await insertCommand(tx, scope, row);
  await recordAudit(tx, scope, {
    actor: input.actor,
    action: 'command.create',
    target: { type: 'command', id: input.id },
    details: { action: input.action, clusterId: input.clusterId, nodeId: input.nodeId, agentId: input.agentId, params: auditParams(input.action, input.params), state: row.state, parentId: input.parentId, keyId: signed?.envelope.keyId ?? null },
    requestId: input.requestId,
    at: input.now,
  });
  return { ...row, orgId: scope.orgId, agentState: null, agentSeq: null, agentUpdatedAt: null, progress: null, result: null, error: null, reason: null, refusal: null, sentAt: null, startedAt: null, finishedAt: null, deliveries: 0 };
}

/** Key updates carry whole public keys: the audit keeps their ids. */
function auditParams(action: ActionName, params: Record<string, unknown>): unknown {
  if (action !== 'update-signing-keys') return params;
  const add = (params.add as Array<{ keyId: string }> | undefined) ?? [];
  return { add: add.map((k) => k.keyId), retire: params.retire ?? [] };
}
