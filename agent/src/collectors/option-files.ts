import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GUARD_SETTING_KEYS, pickPcOptions, type GuardSettings, type OptionFile } from '@quorum/protocol';

/**
 * Reads a node's option files the way mariadbd does, for the configuration guard, and keeps ONLY
 * the allow-listed settings (`GUARD_SETTING_KEYS`, and the `pc.*` keys of wsrep_provider_options).
 * Nothing else of a file is kept in memory past the parse or ever sent: an option file also holds
 * `wsrep_sst_auth` and TLS key paths.
 *
 * - Sections read by the server: [mysqld], [server], [galera], [mariadb], [mariadbd] and their
 *   version-suffixed forms ([mariadb-10.11]); other sections ([client], [sst]…) are skipped.
 * - `!include FILE` and `!includedir DIR` (its `*.cnf` files, in name order) are followed where
 *   they appear, at most 8 levels deep, each file once.
 * - Later values win; `-` and `_` are the same in names; `loose-` prefixes are dropped; values may
 *   be quoted; `#` and `;` start comments.
 */
export interface OptionFilesRead {
  settings: GuardSettings;
  /** Every file read or attempted (the configured ones and what they include). */
  files: OptionFile[];
  /** Directories named by `!includedir` (their mtime changes when a file is added or removed). */
  dirs: string[];
}

const SERVER_SECTION = /^(mysqld|server|galera|mariadb|mariadbd)(-\d+(\.\d+)*)?$/;
const WANTED = new Set<string>([...GUARD_SETTING_KEYS, 'wsrep_provider_options']);
const MAX_DEPTH = 8;
const MAX_FILES = 64;

export async function readOptionFiles(paths: readonly string[]): Promise<OptionFilesRead> {
  const values = new Map<string, string>();
  const files: OptionFile[] = [];
  const dirs: string[] = [];
  const seen = new Set<string>();

  const readOne = async (path: string, depth: number): Promise<void> => {
    const full = resolve(path);
    if (seen.has(full) || files.length >= MAX_FILES) return;
    seen.add(full);
    let text: string;
    let mtimeMs: number;
    try {
      [text, mtimeMs] = await Promise.all([readFile(full, 'utf8'), stat(full).then((s) => s.mtimeMs)]);
    } catch (e) {
      files.push({ path: full, readable: false, error: describeError(e) });
      return;
    }
    files.push({ path: full, readable: true, mtimeMs });
    let section = '';
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      const directive = /^!(include|includedir)\s+(.+)$/.exec(line);
      if (directive) {
        if (depth >= MAX_DEPTH) continue;
        const target = unquote(directive[2]!.trim());
        const where = isAbsolute(target) ? target : join(dirname(full), target);
        if (directive[1] === 'include') await readOne(where, depth + 1);
        else await readDir(where, depth + 1);
        continue;
      }
      const header = /^\[([^\]]+)\]/.exec(line);
      if (header) {
        section = header[1]!.trim().toLowerCase();
        continue;
      }
      if (!SERVER_SECTION.test(section)) continue;
      const option = parseOption(line);
      if (option && WANTED.has(option.key)) values.set(option.key, option.value);
    }
  };

  const readDir = async (dir: string, depth: number): Promise<void> => {
    const full = resolve(dir);
    if (!dirs.includes(full)) dirs.push(full);
    let names: string[];
    try {
      names = await readdir(full);
    } catch (e) {
      files.push({ path: full, readable: false, error: describeError(e) });
      return;
    }
    for (const name of names.filter((n) => n.endsWith('.cnf')).sort()) await readOne(join(full, name), depth);
  };

  for (const path of paths) await readOne(path, 0);
  return { settings: toSettings(values), files, dirs };
}

/** `key = value`, `key=value`, or a bare flag `key`; names normalized as the server reads them. */
export function parseOption(line: string): { key: string; value: string } | undefined {
  const m = /^([A-Za-z0-9_.-]+)\s*(?:=\s*(.*))?$/.exec(line);
  if (!m) return undefined;
  let key = m[1]!.toLowerCase().replace(/-/g, '_');
  if (key.startsWith('loose_')) key = key.slice('loose_'.length);
  return { key, value: m[2] === undefined ? '' : cleanValue(m[2]) };
}

/** A value without its quotes or trailing comment. */
function cleanValue(text: string): string {
  const t = text.trim();
  const quote = t[0];
  if (quote === '"' || quote === "'") {
    const end = t.indexOf(quote, 1);
    return end < 0 ? t.slice(1) : t.slice(1, end);
  }
  const comment = t.search(/\s[#;]|^#/);
  return (comment < 0 ? t : t.slice(0, comment)).trim();
}

function unquote(t: string): string {
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

function toSettings(values: Map<string, string>): GuardSettings {
  const out: GuardSettings = {};
  for (const key of GUARD_SETTING_KEYS) {
    const v = values.get(key);
    if (v !== undefined) out[key] = v.slice(0, 2048);
  }
  const provider = values.get('wsrep_provider_options');
  if (provider !== undefined) out.providerOptions = pickPcOptions(provider);
  return out;
}

function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return (code ?? (e instanceof Error ? e.message : String(e))).slice(0, 300);
}

/**
 * A cheap fingerprint of what was read: size and mtime of every file and `!includedir` directory.
 * When it changes the files are read again; when it does not, nothing is opened.
 */
export async function optionFilesFingerprint(read: Pick<OptionFilesRead, 'files' | 'dirs'>, configured: readonly string[]): Promise<string> {
  const paths = [...new Set([...configured.map((p) => resolve(p)), ...read.files.map((f) => f.path), ...read.dirs])];
  const parts = await Promise.all(
    paths.map(async (p) => {
      try {
        const s = await stat(p);
        return `${p}:${s.size}:${s.mtimeMs}`;
      } catch (e) {
        return `${p}:${(e as NodeJS.ErrnoException).code ?? 'error'}`;
      }
    }),
  );
  return parts.join('|');
}
