import { z } from '@hono/zod-openapi';
import { HEALTHS } from '../../db/schema/telemetry';
import { millis } from '../../http/openapi';

/**
 * Response shapes of the cluster pages. The assessment is stored by the ingest as the pure core
 * returns it (`core/galera/types.ts`); these schemas document it.
 */
const componentSchema = z
  .object({
    kind: z.enum(['primary', 'non_primary', 'unreachable', 'unknown']),
    nodeIds: z.array(z.string()),
    nodeNames: z.array(z.string()),
    size: z.number().int().nullable(),
    confId: z.string().nullable(),
    stateUuid: z.string().nullable(),
    memberAddresses: z.array(z.string()),
  })
  .openapi('Component');

const findingSchema = z
  .object({
    code: z.string().describe('split_brain, split_brain_suspected, rogue_primary_only, no_primary, node_unreachable, …'),
    severity: z.enum(['info', 'warning', 'critical']),
    message: z.string(),
    nodeIds: z.array(z.string()),
    evidence: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('Finding');

export const assessmentSchema = z
  .object({
    health: z.enum(HEALTHS),
    summary: z.string(),
    components: z.array(componentSchema),
    findings: z.array(findingSchema),
    splitBrain: z
      .object({
        components: z.array(componentSchema),
        rogue: z.array(componentSchema).describe('The component(s) that split off: the rogue Primary'),
        majority: componentSchema,
        causes: z.array(z.string()),
        confirmed: z.boolean(),
        since: millis,
      })
      .nullable(),
    assessedAt: millis,
  })
  .openapi('Assessment');

export const healthSchema = z.enum(HEALTHS).openapi({ description: 'Worst first: split_brain, no_primary, degraded, unknown, healthy' });

export const nodeSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    state: z.string().describe('`unknown` (never reported), `unreachable`, or wsrep_local_state_comment (`Synced`, `Donor/Desynced`, …)'),
    clusterStatus: z.string().nullable().describe('Primary, non-Primary or Disconnected'),
    fresh: z.boolean().describe('False when the poll is older than the offline threshold, or its agent has been gone for longer than that (same rule as the assessment)'),
    observedAt: millis.nullable().describe('When the node was last polled (last seen)'),
  })
  .openapi('NodeSummary');

export const activeAlertCountsSchema = z
  .object({
    firing: z.number().int().describe('Firing, not acknowledged: someone must look'),
    acknowledged: z.number().int().describe('Firing, and someone took it'),
    pending: z.number().int().describe('The condition holds, waiting for the rule’s `for` before it fires'),
    bySeverity: z
      .object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() })
      .describe('Firing alerts (acknowledged included) by severity'),
  })
  .openapi('ActiveAlertCounts', { description: 'The cluster’s active alerts, counted (`GET /alerts?clusterId=` lists them)' });

const clusterBase = {
  id: z.string(),
  name: z.string(),
  expectedSize: z.number().int(),
  health: healthSchema,
  healthSince: millis,
  summary: z.string(),
  nodeCount: z.number().int(),
  syncedCount: z.number().int().describe('Fresh nodes that are Synced in a Primary component'),
  primaryComponents: z.number().int().describe('More than one is a split brain'),
  lastSeenAt: millis.nullable(),
  alerts: activeAlertCountsSchema,
};

export const clusterSummarySchema = z.object({ ...clusterBase, nodes: z.array(nodeSummarySchema) }).openapi('ClusterSummary');

const memberSchema = z.object({ uuid: z.string(), name: z.string(), address: z.string() });

export const nodeDetailSchema = nodeSummarySchema
  .extend({
    agentId: z.string(),
    reachable: z.boolean().nullable(),
    error: z.string().nullable(),
    localState: z.number().int().nullable(),
    localStateComment: z.string().nullable(),
    clusterSize: z.number().int().nullable(),
    clusterConfId: z.string().nullable(),
    clusterStateUuid: z.string().nullable(),
    ready: z.boolean().nullable(),
    connected: z.boolean().nullable(),
    lastCommitted: z.number().int().nullable(),
    members: z.array(memberSchema).nullable().describe('mysql.wsrep_cluster_members (stale on a non-Primary node)'),
    incomingAddresses: z.array(z.string()),
    clusterAddress: z.string().nullable().describe('wsrep_cluster_address; `gcomm://` alone bootstraps a new cluster'),
    clusterName: z.string().nullable(),
    desyncCount: z.number().int().nullable(),
    receivedAt: millis.nullable(),
  })
  .openapi('NodeDetail');

export const clusterDetailSchema = z
  .object({ ...clusterBase, nodes: z.array(nodeDetailSchema), assessment: assessmentSchema.nullable() })
  .openapi('ClusterDetail');

export type ClusterSummary = z.infer<typeof clusterSummarySchema>;
export type ClusterDetail = z.infer<typeof clusterDetailSchema>;
export type NodeDetail = z.infer<typeof nodeDetailSchema>;
