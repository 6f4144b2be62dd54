import { z } from 'zod';

/**
 * What the agent tells the cloud about a node's configuration, for the configuration guard: the
 * settings as the node's option files have them (what it will run with after its next restart)
 * and as the server runs them now.
 *
 * Only an ALLOW-LIST of settings ever leaves the customer's network. An option file also holds
 * `wsrep_sst_auth` (a user and password), TLS key paths and more: the agent picks the keys below
 * and nothing else, and the cloud refuses a report carrying any other key (the schemas are
 * strict). From `wsrep_provider_options` only the `pc.*` keys are kept.
 */

/** The option names (as MariaDB spells them, `-` read as `_`) the guard needs. */
export const GUARD_SETTING_KEYS = [
  'wsrep_on',
  'wsrep_cluster_name',
  /** Empty or only itself: the node bootstraps a new cluster on its next start (split brain). */
  'wsrep_cluster_address',
  'wsrep_node_name',
  'wsrep_node_address',
  /** ≠ 1: a crash loses the last second of commits on that node. */
  'innodb_flush_log_at_trx_commit',
  /** A bootstrap flag left in an option file bootstraps again on every start. */
  'wsrep_new_cluster',
] as const;
export type GuardSettingKey = (typeof GUARD_SETTING_KEYS)[number];

const PC_KEY = /^pc\.[a-z_]{1,48}$/;
// The rule of `resourceName` (messages.ts, which imports this file: importing it back would be a cycle).
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');
const value = z.string().max(2048);

export const guardSettingsSchema = z.strictObject({
  wsrep_on: value.optional(),
  wsrep_cluster_name: value.optional(),
  wsrep_cluster_address: value.optional(),
  wsrep_node_name: value.optional(),
  wsrep_node_address: value.optional(),
  innodb_flush_log_at_trx_commit: value.optional(),
  /** Present (usually '') when the flag is set. */
  wsrep_new_cluster: value.optional(),
  /** The `pc.*` keys of `wsrep_provider_options` (e.g. `pc.ignore_sb`, `pc.bootstrap`), lower-cased keys. */
  providerOptions: z
    .record(z.string().regex(PC_KEY, 'only pc.* provider options are accepted'), z.string().max(256))
    .refine((r) => Object.keys(r).length <= 32, 'at most 32 pc.* options')
    .optional(),
});
export type GuardSettings = z.infer<typeof guardSettingsSchema>;

export const optionFileSchema = z.strictObject({
  path: z.string().min(1).max(1024),
  readable: z.boolean(),
  /** Why it could not be read (ENOENT, EACCES, …), when `readable` is false. */
  error: z.string().max(300).optional(),
  mtimeMs: z.number().nonnegative().optional(),
});
export type OptionFile = z.infer<typeof optionFileSchema>;

export const nodeConfigReportSchema = z.strictObject({
  cluster: name,
  node: name,
  observedAt: z.number().int().nonnegative(),
  /**
   * From the node's option files (agent config `configFiles`, following `!include` and
   * `!includedir`), later values winning as mariadbd reads them; null when none are configured.
   */
  configured: z
    .strictObject({
      files: z.array(optionFileSchema).max(64),
      settings: guardSettingsSchema,
    })
    .nullable(),
  /** As the server runs them (`@@wsrep_provider_options`, …); null when the node could not be read. */
  running: guardSettingsSchema.nullable(),
});
export type NodeConfigReport = z.infer<typeof nodeConfigReportSchema>;

/**
 * The `pc.*` keys of a `wsrep_provider_options` value — the option file's `"a=1;pc.ignore_sb=true"`
 * or the server's `"base_dir = /var/lib/mysql/; …; pc.ignore_sb = false; …"`. Everything else
 * (listen addresses, gcache paths, SSL key paths) is dropped here.
 *
 * @example pickPcOptions('gcache.size=32M; pc.ignore_sb = TRUE') // { 'pc.ignore_sb': 'TRUE' }
 */
export function pickPcOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (!PC_KEY.test(key) || Object.keys(out).length >= 32) continue;
    out[key] = part.slice(eq + 1).trim().slice(0, 256);
  }
  return out;
}

/** True for the spellings MariaDB reads as "on" in a boolean provider option. */
export function isTruthyOption(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}
