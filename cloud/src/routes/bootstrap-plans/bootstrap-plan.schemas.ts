import { z } from '@hono/zod-openapi';
import type { BootstrapPlanRow } from '../../db/repos/bootstrap-plans.repo';
import { BOOTSTRAP_PLAN_STATES } from '../../db/schema/commands';
import { idParam, millis, V1 } from '../../http/openapi';

const evidenceSchema = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  reachable: z.boolean().describe('Whether anything could be learned about the node'),
  running: z.boolean().nullable(),
  clusterStatus: z.string().nullable(),
  uuid: z.string().nullable(),
  seqno: z.number().int().nullable(),
  safeToBootstrap: z.boolean().nullable().describe('grastate.dat safe_to_bootstrap'),
  source: z.enum(['grastate', 'wsrep-recover', 'live']).nullable(),
  commandId: z.string().nullable().describe('The recover-position command that asked'),
  error: z.string().nullable(),
});

const bootstrapParamsSchema = z.object({
  bootstrapNodeId: z.string(),
  expectedStateUuid: z.string(),
  positions: z.array(z.object({ nodeId: z.string(), uuid: z.string(), seqno: z.number().int() })),
});

export const bootstrapPlanSchema = z
  .object({
    id: z.string(),
    clusterId: z.string(),
    state: z.enum(BOOTSTRAP_PLAN_STATES).describe('gathering: waiting for recovered positions; ready: a node was chosen; refused: see decision.reason'),
    evidence: z.array(evidenceSchema),
    decision: z
      .object({
        verdict: z.enum(['ready', 'refused']),
        reason: z.string(),
        chosenNodeId: z.string().optional(),
        chosenNodeName: z.string().optional(),
        params: bootstrapParamsSchema.optional(),
        refusal: z.enum(['primary_exists', 'missing_position', 'zero_uuid', 'uuid_mismatch']).optional(),
        nodeIds: z.array(z.string()).optional(),
      })
      .nullable(),
    confirm: z
      .object({ method: z.literal('POST'), path: z.string(), body: z.object({ action: z.literal('bootstrap-cluster'), params: bootstrapParamsSchema }) })
      .nullable()
      .describe('The exact request that runs this plan'),
    createdBy: z.string(),
    createdAt: millis,
    deadlineAt: millis,
    decidedAt: millis.nullable(),
  })
  .openapi('BootstrapPlan');

export const planIdParam = idParam;

export function bootstrapPlanView(row: BootstrapPlanRow): z.infer<typeof bootstrapPlanSchema> {
  const d = row.decision;
  return {
    id: row.id,
    clusterId: row.clusterId,
    state: row.state,
    evidence: row.evidence,
    decision: d,
    confirm:
      d?.verdict === 'ready'
        ? { method: 'POST', path: `${V1}/clusters/${row.clusterId}/operations`, body: { action: 'bootstrap-cluster', params: d.params } }
        : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    deadlineAt: row.deadlineAt,
    decidedAt: row.decidedAt,
  };
}
