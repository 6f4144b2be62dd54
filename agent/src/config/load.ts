import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { MAX_MESSAGE_BYTES, utf8Length } from '@quorum/protocol';
import { buildHello } from '../hello';
import { ACTIONS } from '@quorum/protocol';
import { configSchema, formatConfigIssues, MARIADBD_ARGS, type AgentConfig } from './schema';

export const DEFAULT_CONFIG_PATH = '/etc/quorum/agent.yaml';

export type ConfigResult =
  | { ok: true; config: AgentConfig; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

/**
 * Reads, parses and validates the configuration file. Never throws: every problem comes back as a
 * line naming the field (or the file) and what was expected, all of them at once.
 */
export async function loadConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, errors: [`${path}: cannot read the configuration file (${why})`], warnings: [] };
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((err) => `${path}: YAML syntax: ${err.message.split('\n')[0]}`),
      warnings: [],
    };
  }
  return validateConfig(doc.toJS() ?? {});
}

/**
 * Validates an already parsed configuration object (the YAML's data, or a test's object). Password
 * files are checked even when other fields are bad, so one run shows every problem.
 */
export async function validateConfig(data: unknown): Promise<ConfigResult> {
  const parsed = configSchema.safeParse(data);
  const files = await checkPasswordFiles(data);
  files.warnings.push(...(await checkOptionFiles(data)));
  const errors = [...(parsed.success ? [] : formatConfigIssues(parsed.error)), ...files.errors];
  if (parsed.success) {
    // The inventory travels in one hello message, which must fit the channel's message limit.
    // (Counted with the most pinned key ids a hello may carry.)
    const pinnedKeyIds = Array.from({ length: 16 }, () => 'k'.repeat(128));
    const size = utf8Length(JSON.stringify(buildHello(parsed.data, { startedAt: Date.now(), pinnedKeyIds })));
    if (size > MAX_MESSAGE_BYTES - 1024) {
      errors.push(`clusters: the inventory is ${size} bytes, too large for one hello message (${MAX_MESSAGE_BYTES - 1024} bytes); split the nodes over several agents`);
    }
  }
  if (!parsed.success || errors.length > 0) return { ok: false, errors, warnings: files.warnings };
  return { ok: true, config: parsed.data, warnings: [...files.warnings, ...commandWarnings(parsed.data)] };
}

/** Settings that are valid but probably not what the operator meant. */
function commandWarnings(config: AgentConfig): string[] {
  const warnings: string[] = [];
  const writes = config.commands.allow.filter((a) => ACTIONS[a].kind === 'write');
  if (config.commands.readOnly && writes.length > 0) {
    warnings.push(`commands.allow: ${writes.join(', ')} change state and will be rejected while commands.readOnly is true`);
  }
  config.clusters.forEach((cluster, ci) =>
    cluster.nodes.forEach((node, ni) => {
      if (node.control?.method === 'exec' && !node.control.start.includes(MARIADBD_ARGS)) {
        warnings.push(
          `clusters.${ci}.nodes.${ni}.control.start: has no ${MARIADBD_ARGS} element, so bootstrap-cluster and start positions cannot pass options to mariadbd`,
        );
      }
    }),
  );
  return warnings;
}

/** Checks every `clusters.*.nodes.*.{mysql,admin}.passwordFile` that is an absolute path (the schema reports the rest). */
async function checkPasswordFiles(data: unknown): Promise<{ errors: string[]; warnings: string[] }> {
  const found: { at: string; file: string }[] = [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined);
  list(field(data, 'clusters')).forEach((cluster, ci) =>
    list(field(cluster, 'nodes')).forEach((node, ni) => {
      for (const account of ['mysql', 'admin']) {
        const file = field(field(node, account), 'passwordFile');
        if (typeof file === 'string' && file.startsWith('/')) found.push({ at: `clusters.${ci}.nodes.${ni}.${account}.passwordFile`, file });
      }
    }),
  );
  const verdicts = new Map<string, Promise<{ error?: string; warning?: string }>>();
  for (const { file } of found) if (!verdicts.has(file)) verdicts.set(file, checkPasswordFile(file));
  const errors: string[] = [];
  const warnings: string[] = [];
  const warned = new Set<string>();
  for (const { at, file } of found) {
    const v = await verdicts.get(file)!;
    if (v.error) errors.push(`${at}: ${v.error}`);
    if (v.warning && !warned.has(file)) {
      warned.add(file);
      warnings.push(`${at}: ${v.warning}`);
    }
  }
  return { errors, warnings };
}

async function checkPasswordFile(file: string): Promise<{ error?: string; warning?: string }> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { error: `${file} is not a regular file` };
    await access(file, constants.R_OK);
    // Group-readable is fine when the group is this agent's own (the package's root:quorum-agent 0640).
    const ownGroup = process.getgid?.() === info.gid;
    if ((info.mode & 0o004) !== 0 || ((info.mode & 0o040) !== 0 && !ownGroup)) {
      return { warning: `${file} is readable by group or others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it, or 640 with the agent's own group` };
    }
    return {};
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `${file} does not exist` };
    if (code === 'EACCES') return { error: `${file} is not readable by this user` };
    return { error: `${file}: ${(e as Error).message}` };
  }
}

/**
 * `clusters.*.nodes.*.configFiles` that cannot be read now: a warning, not an error (the file may
 * appear later; the guard reports it as unreadable until then).
 */
async function checkOptionFiles(data: unknown): Promise<string[]> {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined);
  const warnings: string[] = [];
  for (const [ci, cluster] of list(field(data, 'clusters')).entries()) {
    for (const [ni, node] of list(field(cluster, 'nodes')).entries()) {
      for (const [fi, file] of list(field(node, 'configFiles')).entries()) {
        if (typeof file !== 'string' || !file.startsWith('/')) continue;
        try {
          await access(file, constants.R_OK);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable by this user' : (e as Error).message;
          warnings.push(`clusters.${ci}.nodes.${ni}.configFiles.${fi}: ${file} ${why}; the configuration guard cannot check it until it can be read`);
        }
      }
    }
  }
  return warnings;
}
