import type { ConfigResult } from '../config/load';
import type { CommandIO } from './io';

/** Prints every configuration error (and warning), one per line, under the file's name. */
export function printConfigProblems(io: CommandIO, path: string, result: ConfigResult): void {
  if (!result.ok) {
    io.err(`quorum-agent: invalid configuration ${path}:`);
    for (const e of result.errors) io.err(`  ${e}`);
  }
  for (const w of result.warnings) io.err(`  warning: ${w}`);
}
