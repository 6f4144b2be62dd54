import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkCommand } from './cli/check';
import { enrollCommand } from './cli/enroll';
import { parseArgs, stringFlag, USAGE } from './cli/args';
import { EXIT, processIO, type CommandIO } from './cli/io';
import { runCommand } from './cli/run';
import { versionCommand } from './cli/version';

/** Dispatches a command line to its command; resolves with the exit code. Wiring only. */
export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const args = parseArgs(argv);
  if (!args.ok) {
    io.err(`quorum-agent: ${args.error}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { flags } = args;
  switch (args.command) {
    case 'help':
      io.out(USAGE);
      return EXIT.ok;
    case 'version':
      return versionCommand(io);
    case 'enroll':
      return enrollCommand(
        {
          url: stringFlag(flags, 'url')!,
          token: stringFlag(flags, 'token')!,
          config: stringFlag(flags, 'config'),
          stateDir: stringFlag(flags, 'state-dir'),
          force: flags.force === true,
        },
        io,
      );
    case 'run':
      return runCommand({ config: stringFlag(flags, 'config') }, io);
    case 'check':
      return checkCommand({ config: stringFlag(flags, 'config') }, io);
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`quorum-agent: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(EXIT.failure);
    },
  );
}
