import { z } from 'zod';
import { nodeStatusSchema } from './galera-status';
import { METRIC_NAMES, type MetricName } from './metrics';
import { MAX_MESSAGE_BYTES, utf8Length } from './limits';
import { commandUpdateSchema } from './command/updates';
import { signedCommandSchema } from './command/envelope';
import { nodeConfigReportSchema } from './node-config';
import { describeIssues } from './zod-issues';

export { describeIssues };

/**
 * The messages of the agent ↔ cloud WebSocket channel. Every message is one JSON object with a
 * `type`; both sides validate what they receive with these schemas and reject anything else
 * with a typed error rather than guessing.
 *
 * Flow: the agent connects with a signed credential (see `credential.ts`), sends `hello` with its
 * inventory, receives `welcome`, then sends `heartbeat`s and `batch`es; each batch is acked by id
 * once the cloud has stored it, and re-sent batches are acked again without being stored twice.
 */

export const PROTOCOL_VERSION = 1;

/** Names of clusters and nodes as configured on the agent: short, printable, stable. */
export const resourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64, starting with a letter or digit');

const timestamp = z.number().int().nonnegative().describe('milliseconds since the epoch');

// ---------------------------------------------------------------------------------------------
// Agent → cloud

export const inventoryNodeSchema = z.object({
  name: resourceName,
  /** The node's MySQL address `host:port` as the agent reaches it (or `unix:/path`). */
  address: z.string().min(1).max(256),
});

export const inventoryClusterSchema = z.object({
  name: resourceName,
  /** How many nodes the cluster should have (defaults to the number of configured nodes). */
  expectedSize: z.number().int().min(1).max(64),
  nodes: z.array(inventoryNodeSchema).min(1).max(64),
});
export type InventoryCluster = z.infer<typeof inventoryClusterSchema>;

export const helloSchema = z.object({
  type: z.literal('hello'),
  protocolVersion: z.literal(PROTOCOL_VERSION),
  agentVersion: z.string().min(1).max(64),
  hostname: z.string().min(1).max(255),
  startedAt: timestamp,
  clusters: z.array(inventoryClusterSchema).max(64),
  /** Ids of the command-signing keys the agent trusts now; the cloud sends it newer ones. */
  pinnedKeyIds: z.array(z.string().max(128)).max(16).optional(),
});
export type Hello = z.infer<typeof helloSchema>;

export const heartbeatSchema = z.object({
  type: z.literal('heartbeat'),
  sentAt: timestamp,
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/**
 * One poll of one node. Sent when its state changed (`changed: true`), on the poll right after a
 * change (so the cloud can confirm a state on two consecutive polls), and periodically as a
 * refresh.
 */
export const stateReportSchema = z.object({
  cluster: resourceName,
  node: resourceName,
  /** Per node, increases by one on every poll while the agent runs. */
  pollSeq: z.number().int().nonnegative(),
  observedAt: timestamp,
  changed: z.boolean(),
  status: nodeStatusSchema,
});
export type StateReport = z.infer<typeof stateReportSchema>;

const metricValues = z
  .record(z.string(), z.number().finite())
  .refine((values) => Object.keys(values).every((k) => (METRIC_NAMES as string[]).includes(k)), {
    message: `metric names must be among: ${METRIC_NAMES.join(', ')}`,
  })
  .transform((values) => values as Partial<Record<MetricName, number>>);

export const metricSampleSchema = z.object({
  cluster: resourceName,
  node: resourceName,
  observedAt: timestamp,
  values: metricValues,
});
export type MetricSample = z.infer<typeof metricSampleSchema>;

export const batchSchema = z
  .object({
    type: z.literal('batch'),
    /** Chosen by the agent (a UUID); the cloud acks and dedupes by it. */
    batchId: z.uuid(),
    createdAt: timestamp,
    states: z.array(stateReportSchema).max(512).default([]),
    samples: z.array(metricSampleSchema).max(512).default([]),
    /** Progress and results of commands (see `command/updates.ts`). */
    commands: z.array(commandUpdateSchema).max(64).default([]),
    /** Guard settings of nodes, sent when they change (see `node-config.ts`). */
    configs: z.array(nodeConfigReportSchema).max(64).default([]),
  })
  .refine((b) => b.states.length + b.samples.length + b.commands.length + b.configs.length > 0, {
    message: 'a batch holds at least one state, sample, command update or config report',
  });
export type Batch = z.infer<typeof batchSchema>;
export type BatchInput = z.input<typeof batchSchema>;

export const agentMessageSchema = z.discriminatedUnion('type', [helloSchema, heartbeatSchema, batchSchema]);
export type AgentMessage = z.infer<typeof agentMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Cloud → agent

export const welcomeSchema = z.object({
  type: z.literal('welcome'),
  agentId: z.string(),
  orgId: z.string(),
  serverTime: timestamp,
  /**
   * The cloud's ids for the agent's clusters and nodes (commands name them by id). The agent acts
   * only on ids listed here for its own configured names.
   */
  inventory: z
    .array(
      z.object({
        clusterId: z.string(),
        name: resourceName,
        nodes: z.array(z.object({ nodeId: z.string(), name: resourceName })),
      }),
    )
    .optional(),
});
export type Welcome = z.infer<typeof welcomeSchema>;

export const ackSchema = z.object({
  type: z.literal('ack'),
  batchId: z.uuid(),
  /** True when the batch had been stored before (a re-send); it was not stored again. */
  duplicate: z.boolean(),
});
export type Ack = z.infer<typeof ackSchema>;

export const heartbeatAckSchema = z.object({
  type: z.literal('heartbeat-ack'),
  /** The heartbeat's own `sentAt`, echoed for round-trip time. */
  sentAt: timestamp,
  serverTime: timestamp,
});
export type HeartbeatAck = z.infer<typeof heartbeatAckSchema>;

export const CHANNEL_ERROR_CODES = [
  'invalid_json',
  'invalid_message',
  'unknown_type',
  'too_large',
  'hello_required',
  'rate_limited',
  'internal',
] as const;
export type ChannelErrorCode = (typeof CHANNEL_ERROR_CODES)[number];

export const channelErrorSchema = z.object({
  type: z.literal('error'),
  code: z.enum(CHANNEL_ERROR_CODES),
  message: z.string(),
  /** The batch id the error is about, when there is one: that batch was not stored. */
  batchId: z.string().optional(),
});
export type ChannelError = z.infer<typeof channelErrorSchema>;

export const cloudMessageSchema = z.discriminatedUnion('type', [
  welcomeSchema,
  ackSchema,
  heartbeatAckSchema,
  /** A signed command; the agent verifies it (`command/verify.ts`) before believing any field. */
  signedCommandSchema,
  channelErrorSchema,
]);
export type CloudMessage = z.infer<typeof cloudMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Parsing

export type ParseResult<T> =
  | { ok: true; message: T }
  | { ok: false; code: ChannelErrorCode; message: string; batchId?: string };

/**
 * Parses one received frame into a message of `schema`, with a typed reason when it is not one.
 * Never throws.
 *
 * @example
 * parseMessage('{"type":"heartbeat","sentAt":1}', agentMessageSchema) // { ok: true, message: {…} }
 */
export function parseMessage<T>(raw: string, schema: z.ZodType<T>): ParseResult<T> {
  if (utf8Length(raw) > MAX_MESSAGE_BYTES) {
    return { ok: false, code: 'too_large', message: `message is larger than ${MAX_MESSAGE_BYTES} bytes` };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return { ok: false, code: 'invalid_json', message: `not JSON: ${(e as Error).message}` };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, message: result.data };
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  const batchId =
    typeof data === 'object' && data !== null && typeof (data as { batchId?: unknown }).batchId === 'string'
      ? ((data as { batchId: string }).batchId)
      : undefined;
  const typeIssue = result.error.issues.find((i) => i.path.length === 1 && i.path[0] === 'type');
  if (typeIssue && typeof type === 'string') {
    return { ok: false, code: 'unknown_type', message: `unknown message type "${type.slice(0, 64)}"` };
  }
  return {
    ok: false,
    code: 'invalid_message',
    message: describeIssues(result.error),
    ...(batchId ? { batchId } : {}),
  };
}


/** Serializes a message; throws if it would break the channel's size limit (a bug of the sender). */
export function encodeMessage(message: AgentMessage | BatchInput | CloudMessage): string {
  const text = JSON.stringify(message);
  if (utf8Length(text) > MAX_MESSAGE_BYTES) {
    throw new RangeError(`message of ${utf8Length(text)} bytes exceeds ${MAX_MESSAGE_BYTES}`);
  }
  return text;
}
