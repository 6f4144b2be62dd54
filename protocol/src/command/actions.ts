import { z } from 'zod';
import { signingPublicKeySchema } from '../keys';

/**
 * The closed set of things the cloud can ask an agent to do, with each one's parameter schema.
 * The agent runs an action only if it is also in the agent's LOCAL allow-list (its config file);
 * nothing sent by the cloud can widen that list. `read` actions are the only ones a read-only
 * agent runs.
 */
export type ActionKind = 'read' | 'write' | 'trust';

const yesNo = z.enum(['ON', 'OFF']);

/**
 * Dynamic server variables `set-global-variable` may change, each with the values it accepts.
 * Deliberately absent: `wsrep_provider_options` (it can set `pc.bootstrap`), `wsrep_cluster_address`
 * (an empty value splits the cluster), anything that loads code or touches files.
 */
export const SETTABLE_VARIABLES = {
  max_connections: z.number().int().min(10).max(100_000),
  wsrep_slave_threads: z.number().int().min(1).max(256),
  wsrep_sync_wait: z.number().int().min(0).max(15),
  wsrep_desync: yesNo,
  wsrep_reject_queries: z.enum(['NONE', 'ALL', 'ALL_KILL']),
  long_query_time: z.number().min(0).max(3600),
  slow_query_log: yesNo,
  read_only: yesNo,
  innodb_flush_log_at_trx_commit: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  max_allowed_packet: z.number().int().min(1024).max(1024 * 1024 * 1024),
  innodb_buffer_pool_size: z.number().int().min(5 * 1024 * 1024),
} as const;
export type SettableVariable = keyof typeof SETTABLE_VARIABLES;

const settableVariableName = z.enum(Object.keys(SETTABLE_VARIABLES) as [SettableVariable, ...SettableVariable[]]);

const position = z.object({
  nodeId: z.string().min(1).max(64),
  uuid: z.uuid(),
  seqno: z.number().int().min(-1),
});

export const ACTIONS = {
  'start-node': { kind: 'write', target: 'node', params: z.object({}).strict() },
  'stop-node': {
    kind: 'write',
    target: 'node',
    params: z.object({ allowLastSynced: z.boolean().default(false) }).strict(),
  },
  'restart-node': {
    kind: 'write',
    target: 'node',
    params: z.object({ allowLastSynced: z.boolean().default(false) }).strict(),
  },
  /** Stop (if running) and start again so the node rejoins its peers; `forceSst` discards its state first. */
  'rejoin-node': {
    kind: 'write',
    target: 'node',
    params: z.object({ forceSst: z.boolean().default(false) }).strict(),
  },
  /** GALERA.md §7: the chosen node starts with --wsrep-new-cluster at its position, then the rest. */
  'bootstrap-cluster': {
    kind: 'write',
    target: 'cluster',
    params: z
      .object({
        bootstrapNodeId: z.string().min(1).max(64),
        expectedStateUuid: z.uuid(),
        positions: z.array(position).min(1).max(64),
      })
      .strict(),
  },
  /** `mariadbd --wsrep-recover` on a stopped node: its last committed position. */
  'recover-position': { kind: 'write', target: 'node', params: z.object({}).strict() },
  'kill-query': {
    kind: 'write',
    target: 'node',
    params: z
      .object({
        processId: z.number().int().positive(),
        /** `query` ends the statement, `connection` the whole session. */
        scope: z.enum(['query', 'connection']).default('query'),
      })
      .strict(),
  },
  'set-global-variable': {
    kind: 'write',
    target: 'node',
    params: z
      .object({ name: settableVariableName, value: z.union([z.string().max(64), z.number()]) })
      .strict()
      .superRefine((p, ctx) => {
        const check = SETTABLE_VARIABLES[p.name].safeParse(p.value);
        if (!check.success) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid value for ${p.name}` });
        }
      }),
  },
  'collect-diagnostics': {
    kind: 'read',
    target: 'cluster',
    params: z.object({ errorLogLines: z.number().int().min(1).max(5000).default(200) }).strict(),
  },
  /** Adds signing keys and retires old ones; must itself be signed by a currently pinned key. */
  'update-signing-keys': {
    kind: 'trust',
    target: 'cluster',
    params: z
      .object({ add: z.array(signingPublicKeySchema).max(8).default([]), retire: z.array(z.string().max(128)).max(8).default([]) })
      .strict(),
  },
  /** Asks a running command of this agent to stop at its next safe point. */
  'cancel-command': { kind: 'read', target: 'cluster', params: z.object({ commandId: z.uuid() }).strict() },
} as const satisfies Record<string, { kind: ActionKind; target: 'node' | 'cluster'; params: z.ZodType }>;

export type ActionName = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as [ActionName, ...ActionName[]];
export type ActionParams<A extends ActionName> = z.output<(typeof ACTIONS)[A]['params']>;

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}
