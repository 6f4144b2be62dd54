import { z } from 'zod';
import { ACTION_NAMES, ACTIONS, isActionName, resourceName, type ActionName } from '@quorum/protocol';

/**
 * The agent's configuration file (YAML), parsed once at start-up. Every object is strict, so a
 * misspelt key is an error rather than a silently ignored setting. Messages say what was expected;
 * `formatConfigIssues` prefixes each with its path (`clusters.0.nodes.1.mysql.port: …`).
 */

const name = resourceName;

const argv = z
  .array(z.string({ error: 'expected a string' }).min(1, 'expected a non-empty string'), {
    error: 'expected a list of strings (program and arguments)',
  })
  .min(1, 'expected at least the program to run');

/**
 * In an exec `start` argv, an element equal to this literal is replaced by zero or more extra
 * mariadbd options the actions need (`--wsrep-new-cluster`, `--wsrep-start-position=UUID:SEQNO`).
 */
export const MARIADBD_ARGS = '{mariadbdArgs}';

const absolutePath = (what: string) =>
  z.string({ error: `expected the absolute path of ${what}` }).startsWith('/', `expected the absolute path of ${what}`);

const controlSchema = z.discriminatedUnion(
  'method',
  [
    z.strictObject({
      method: z.literal('systemd'),
      unit: z.string({ error: 'expected the systemd unit name, e.g. mariadb' }).regex(/^[A-Za-z0-9:_.@-]{1,256}$/, 'expected a systemd unit name, e.g. mariadb'),
      /** Prefix every systemctl/galera_* call with `sudo -n` (the agent runs unprivileged; see README). */
      sudo: z.boolean({ error: 'expected true or false' }).default(false),
    }),
    z
      .strictObject({
        method: z.literal('exec'),
        start: argv,
        stop: argv,
        kill: argv.optional(),
        /** Prints the InnoDB-recovered position (`Recovered position: UUID:SEQNO` or `UUID:SEQNO`); the node must be down. */
        recover: argv.optional(),
      })
      .superRefine((c, ctx) => {
        for (const key of ['stop', 'kill', 'recover'] as const) {
          const i = c[key]?.indexOf(MARIADBD_ARGS) ?? -1;
          if (i >= 0) ctx.addIssue({ code: 'custom', path: [key, i], message: `${MARIADBD_ARGS} is only replaced in start` });
        }
      }),
  ],
  { error: 'expected method "systemd" (with unit) or "exec" (with start and stop)' },
);

const mysqlSchema = z
  .strictObject({
    host: z.string({ error: 'expected a host name or IP address' }).min(1, 'expected a host name or IP address').optional(),
    port: z
      .number({ error: 'expected a number from 1 to 65535' })
      .int('expected a number from 1 to 65535')
      .min(1)
      .max(65535)
      .optional(),
    socket: z.string({ error: 'expected an absolute path to a unix socket' }).startsWith('/', 'expected an absolute path to a unix socket').optional(),
    user: z.string({ error: 'expected the monitoring user name' }).min(1, 'expected the monitoring user name').max(80),
    passwordFile: z
      .string({ error: 'expected the path of a file holding the password' })
      .startsWith('/', 'expected an absolute path of a file holding the password'),
  })
  .superRefine((m, ctx) => {
    if (m.socket !== undefined && (m.host !== undefined || m.port !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['socket'], message: 'give either socket or host/port, not both' });
    } else if (m.socket === undefined && m.host === undefined) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'expected host (and port) or socket' });
    }
  });

/**
 * A MySQL account with the privileges kill-query and set-global-variable need (the monitoring
 * account stays read-only). Without it those actions refuse with `no_admin_credentials`.
 */
const adminSchema = z.strictObject({
  user: z.string({ error: 'expected the admin user name' }).min(1, 'expected the admin user name').max(80),
  passwordFile: absolutePath('a file holding the password'),
});

/**
 * The node's option files (my.cnf and friends), read for the configuration guard: only an
 * allow-list of settings is ever sent (see `@quorum/protocol` node-config.ts), never the file.
 */
const configFilesSchema = z
  .array(z.string({ error: 'expected an absolute file path' }).startsWith('/', 'expected an absolute file path').max(1024), {
    error: 'expected a list of option file paths, e.g. [/etc/mysql/my.cnf]',
  })
  .min(1, 'expected at least one path (or leave configFiles out)')
  .max(16, 'at most 16 option files')
  .refine((paths) => new Set(paths).size === paths.length, 'a path is listed twice');

const nodeSchema = z.strictObject({
  name,
  mysql: mysqlSchema,
  /** How the agent starts and stops this node (used by commands; absent = monitoring only). */
  control: controlSchema.optional(),
  admin: adminSchema.optional(),
  /** The node's datadir (grastate.dat, gvwstate.dat); needed by bootstrap, rejoin with forceSst, diagnostics. */
  dataDir: absolutePath('the node\'s data directory').optional(),
  /** The node's error log; needed by collect-diagnostics. */
  errorLog: absolutePath('the node\'s error log').optional(),
  configFiles: configFilesSchema.optional(),
});

const clusterSchema = z
  .strictObject({
    name,
    expectedSize: z.number({ error: 'expected a whole number from 1 to 64' }).int().min(1).max(64).optional(),
    nodes: z.array(nodeSchema, { error: 'expected a list of nodes' }).min(1, 'expected at least one node').max(64, 'at most 64 nodes'),
  })
  .superRefine((c, ctx) => {
    reportDuplicates(c.nodes.map((n) => n.name), ['nodes'], 'node name', ctx);
  });

const ms = (min: number, max: number, what: string) =>
  z.number({ error: `expected ${what} in milliseconds, from ${min} to ${max}` }).int().min(min).max(max);

const pollingSchema = z
  .strictObject({
    stateIntervalMs: ms(200, 60_000, 'the state poll interval').default(1000),
    sampleIntervalMs: ms(1000, 3_600_000, 'the sample interval').default(10_000),
    /** Connect and query timeout for each node, so one dead node never delays another. */
    timeoutMs: ms(100, 30_000, 'the MySQL connect/query timeout').default(2000),
    /** How often option files are checked for changes (mtime) and running settings read. */
    configIntervalMs: ms(1000, 3_600_000, 'the configuration check interval').default(5000),
  })
  .superRefine((p, ctx) => {
    if (p.sampleIntervalMs < p.stateIntervalMs) {
      ctx.addIssue({ code: 'custom', path: ['sampleIntervalMs'], message: 'must not be shorter than stateIntervalMs' });
    }
  });

const spoolSchema = z.strictObject({
  maxBatches: z.number({ error: 'expected a whole number from 10 to 1000000' }).int().min(10).max(1_000_000).default(10_000),
  maxBytes: z
    .number({ error: 'expected a number of bytes from 1048576 (1 MiB) to 17179869184 (16 GiB)' })
    .int()
    .min(1024 * 1024)
    .max(16 * 1024 ** 3)
    .default(64 * 1024 * 1024),
});

/** Read actions: what a fresh install (no `commands` section) may run. */
export const READ_ACTIONS: ActionName[] = ACTION_NAMES.filter((a) => ACTIONS[a].kind === 'read');

const actionName = z
  .string({ error: 'expected an action name' })
  .refine(isActionName, { error: (issue) => `unknown action ${JSON.stringify(issue.input)}; expected one of ${ACTION_NAMES.join(', ')}` })
  .transform((a) => a as ActionName);

/**
 * Which signed commands this agent runs. Only this file decides: nothing the cloud sends can widen
 * it. `readOnly` (default) runs read actions only, whatever `allow` says.
 */
const commandsSchema = z.strictObject({
  readOnly: z.boolean({ error: 'expected true or false' }).default(true),
  allow: z
    .array(actionName, { error: 'expected a list of action names' })
    .max(ACTION_NAMES.length)
    .default(() => [...READ_ACTIONS]),
});

export const DEFAULT_STATE_DIR = '/var/lib/quorum-agent';

export const configSchema = z
  .strictObject({
    /** Identity and spool live here (mode 0700). */
    stateDir: z.string({ error: 'expected an absolute directory path' }).startsWith('/', 'expected an absolute directory path').default(DEFAULT_STATE_DIR),
    polling: pollingSchema.prefault({}),
    spool: spoolSchema.prefault({}),
    log: z
      .strictObject({
        level: z.enum(['debug', 'info', 'warn', 'error'], { error: 'expected one of debug, info, warn, error' }).default('info'),
      })
      .prefault({}),
    commands: commandsSchema.prefault({}),
    clusters: z.array(clusterSchema, { error: 'expected a list of clusters' }).min(1, 'expected at least one cluster').max(64, 'at most 64 clusters'),
  })
  .superRefine((c, ctx) => {
    reportDuplicates(c.clusters.map((cl) => cl.name), ['clusters'], 'cluster name', ctx);
  });

export type AgentConfig = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type ClusterConfig = AgentConfig['clusters'][number];
export type NodeConfig = ClusterConfig['nodes'][number];
export type MysqlConfig = NodeConfig['mysql'];
export type ControlConfig = NonNullable<NodeConfig['control']>;
export type AdminConfig = NonNullable<NodeConfig['admin']>;
export type CommandsConfig = AgentConfig['commands'];

function reportDuplicates(names: string[], path: (string | number)[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const first = seen.get(n);
    if (first === undefined) seen.set(n, i);
    else ctx.addIssue({ code: 'custom', path: [...path, i, 'name'], message: `duplicate ${what} "${n}" (also at ${[...path, first].join('.')})` });
  });
}

/**
 * One line per problem, each naming its field: `clusters.0.nodes.1.mysql.port: expected a number
 * from 1 to 65535`. Unknown keys get a line each.
 */
export function formatConfigIssues(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${at ? `${at}.` : ''}${key}: unknown key`);
    } else if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      lines.push(`${at}: required`);
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected object')) {
      lines.push(`${at || '(file)'}: expected a mapping of keys`);
    } else {
      lines.push(`${at || '(file)'}: ${issue.message}`);
    }
  }
  return lines;
}

/** The address of a node as the inventory shows it: `host:port` or `unix:/path`. */
export function nodeAddress(mysql: MysqlConfig): string {
  return mysql.socket !== undefined ? `unix:${mysql.socket}` : `${mysql.host}:${mysql.port ?? 3306}`;
}
