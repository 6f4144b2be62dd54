import { z } from '@hono/zod-openapi';
import { ACTION_NAMES } from '@quorum/protocol';
import { isUserIssuable } from '../../core/commands/permissions';
import { ORCHESTRATIONS } from '../../core/commands/operations';
import type { RollingRestartState } from '../../core/commands/rolling-restart';
import type { CommandRow } from '../../db/repos/commands.repo';
import { OPERATION_STATES } from '../../db/schema/commands';
import { millis } from '../../http/openapi';

/** Actions a person may request: the protocol's (but the cloud-only ones) and the orchestrations. */
export const REQUESTABLE_ACTIONS: [string, ...string[]] = [...ORCHESTRATIONS, ...ACTION_NAMES.filter(isUserIssuable)];

export const operationRequestSchema = z
  .object({
    action: z.enum(REQUESTABLE_ACTIONS).openapi({ example: 'restart-node' }),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The action’s parameters (see the protocol’s ACTIONS); checked against its schema, every bad field named'),
  })
  .strict();

/** `{id}` of an operation: the command's envelope id (a UUID). */
export const operationIdParam = z.object({
  id: z.uuid({ error: 'not a valid operation id' }).openapi({ param: { name: 'id', in: 'path' }, example: '0b9c3a1e-5d2f-4f0a-9a77-1f2e3d4c5b6a' }),
});

const stepSchema = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  commandId: z.string(),
  outcome: z.enum(['running', 'done', 'failed']),
  at: millis,
});

export const operationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['command', 'orchestration']).describe('A signed command run by one agent, or a sequence the cloud drives (rolling-restart)'),
    clusterId: z.string(),
    nodeId: z.string().nullable(),
    agentId: z.string().nullable(),
    action: z.string(),
    params: z.record(z.string(), z.unknown()),
    state: z.enum(OPERATION_STATES),
    progress: z.unknown().nullable().describe('`{step, message, percent?}` as last reported'),
    result: z.unknown().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    reason: z.string().nullable().describe('Why the agent rejected the envelope (REJECT_REASONS)'),
    refusal: z.unknown().nullable().describe('The agent’s Galera safety guard refusal `{code, message, evidence}`'),
    issuedBy: z.string(),
    approvedBy: z.string().nullable(),
    parentId: z.string().nullable().describe('The rolling restart or bootstrap plan this command is a step of'),
    createdAt: millis,
    sentAt: millis.nullable(),
    startedAt: millis.nullable(),
    finishedAt: millis.nullable(),
    expiresAt: millis,
    deliveries: z.number().int().describe('Times the signed envelope was handed to the agent (re-sends run once: replay store)'),
    keyId: z.string().nullable().describe('The key that signed it; null until signed'),
    steps: z.array(stepSchema).nullable().describe('A rolling restart’s steps'),
    waitingFor: z.string().nullable(),
  })
  .openapi('Operation');

export type OperationView = z.infer<typeof operationSchema>;

export function operationView(row: CommandRow): OperationView {
  const orchestration = row.orchestration as RollingRestartState | null;
  return {
    id: row.id,
    kind: orchestration ? 'orchestration' : 'command',
    clusterId: row.clusterId,
    nodeId: row.nodeId,
    agentId: row.agentId,
    action: row.action,
    params: row.params,
    state: row.state,
    progress: row.progress ?? null,
    result: row.result ?? null,
    error: row.error,
    reason: row.reason,
    refusal: row.refusal ?? null,
    issuedBy: row.issuedBy,
    approvedBy: row.approvedBy,
    parentId: row.parentId,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    expiresAt: row.expiresAt,
    deliveries: row.deliveries,
    keyId: (row.envelope as { keyId?: string } | null)?.keyId ?? null,
    steps: orchestration ? orchestration.steps : null,
    waitingFor: orchestration?.waitingFor ?? null,
  };
}
