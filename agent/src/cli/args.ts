/**
 * Command-line parsing: `quorum-agent <command> [--flag value | --flag=value | --switch]`.
 * Each command declares its flags; anything else is an error that names the flag.
 */
type FlagKind = 'string' | 'boolean';

interface CommandSpec {
  flags: Record<string, FlagKind>;
  required: string[];
  summary: string;
}

export const COMMANDS = {
  enroll: {
    flags: { url: 'string', token: 'string', config: 'string', 'state-dir': 'string', force: 'boolean' },
    required: ['url', 'token'],
    summary: 'enroll --url URL --token TOKEN [--config PATH] [--state-dir DIR] [--force]',
  },
  run: { flags: { config: 'string' }, required: [], summary: 'run [--config PATH]' },
  check: { flags: { config: 'string' }, required: [], summary: 'check [--config PATH]' },
  version: { flags: {}, required: [], summary: 'version' },
  help: { flags: {}, required: [], summary: 'help' },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export type ParsedArgs =
  | { ok: true; command: CommandName; flags: Record<string, string | boolean> }
  | { ok: false; error: string };

export const USAGE = `Usage: quorum-agent <command> [flags]

Commands:
  ${COMMANDS.enroll.summary}
      Create this agent's key pair, enroll it with the control plane and store its identity.
  ${COMMANDS.run.summary}
      Watch the configured Galera nodes and stream their state to the control plane.
  ${COMMANDS.check.summary}
      Check the configuration, each node, the control plane and the clock; non-zero exit on failure.
  ${COMMANDS.version.summary}
      Print the agent's version.

The configuration file defaults to /etc/quorum/agent.yaml.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined) return { ok: false, error: 'no command given' };
  if (command === '--help' || command === '-h') return { ok: true, command: 'help', flags: {} };
  if (!Object.hasOwn(COMMANDS, command)) return { ok: false, error: `unknown command "${command}"` };
  const spec: CommandSpec = COMMANDS[command as CommandName];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--help' || arg === '-h') return { ok: true, command: 'help', flags: {} };
    if (!arg.startsWith('--')) return { ok: false, error: `unexpected argument "${arg}"` };
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec.flags[name];
    if (!kind) return { ok: false, error: `unknown flag --${name} for "${command}"` };
    if (Object.hasOwn(flags, name)) return { ok: false, error: `--${name} given twice` };
    if (kind === 'boolean') {
      if (eq >= 0) return { ok: false, error: `--${name} takes no value` };
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      return { ok: false, error: `--${name} needs a value` };
    }
    flags[name] = value;
  }
  const missing = spec.required.filter((f) => !Object.hasOwn(flags, f));
  if (missing.length > 0) return { ok: false, error: `${command}: missing ${missing.map((m) => `--${m}`).join(', ')}` };
  return { ok: true, command: command as CommandName, flags };
}

/** A string flag's value (parseArgs has checked the kinds). */
export function stringFlag(flags: Record<string, string | boolean>, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}
