import { access } from 'node:fs/promises';
import { DEFAULT_STATE_DIR } from '../config/schema';
import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../config/load';
import { printConfigProblems } from './config-output';
import type { CommandIO } from './io';

/**
 * Where the state directory is for commands that need only it: `--state-dir`, else the config
 * file's `stateDir` (the file must then be valid), else the default. Undefined after printing the
 * configuration's problems.
 */
export async function resolveStateDir(
  flags: { stateDir?: string | undefined; config?: string | undefined },
  io: CommandIO,
): Promise<string | undefined> {
  if (flags.stateDir) return flags.stateDir;
  const path = flags.config ?? DEFAULT_CONFIG_PATH;
  if (!flags.config && !(await access(path).then(() => true, () => false))) {
    return DEFAULT_STATE_DIR;
  }
  const result = await loadConfigFile(path);
  if (!result.ok) {
    printConfigProblems(io, path, result);
    return undefined;
  }
  return result.config.stateDir;
}
