#!/usr/bin/env node
/**
 * The lab from a shell:  tsx lab/src/cli.ts [--slot N | --dir D] CMD …   (npm run lab -w lab -- …)
 * Without --slot/--dir, QUORUM_LAB_SLOT is used; `up` without either takes the first free slot.
 */
import { CHECK_EXIT_CODES } from './check';
import { GaleraLab } from './lab';
import { LAB_ROOT, MAX_SLOTS } from './layout';
import { isStale, readSlotLock } from './slots';
import { formatStatusTable } from './status-table';

const USAGE = `usage: cli.ts [--slot N | --dir D] COMMAND
  up [N]                      create N nodes (default 3), bootstrap node1, join the rest; stays up after exit
  list                        every slot lock under ${LAB_ROOT}
  status                      one line per node (pid, RSS, wsrep state; grastate.dat when down)
  start NODE [--no-wait] [--] [mariadbd args…]   e.g. --wsrep-cluster-address=gcomm:// or --wsrep-new-cluster
  stop NODE | kill NODE       SIGTERM and wait (60 s) | SIGKILL
  down                        stop all, highest node first
  destroy                     stop/kill everything, delete the lab directory, free the slot
  recover                     after all nodes died: bootstrap the most advanced, join the others
  wsrep-recover NODE          print the node's recovered uuid:seqno (node must be down)
  sql NODE 'SQL'              run SQL as root over the node's socket, print rows as TSV
  check                       split-brain oracle: exit 0 ok, 1 degraded, 2 split brain, 3 no primary (4 error)
  partition NODE | heal       gmcast.isolate=1 on NODE | =0 on every node
  config NODE KEY [VALUE | --unset]   print / set / remove a [mysqld] option in NODE's my.cnf (no restart)
NODE is node1..node9 or 1..9.`;

const COMMANDS = [
  'up', 'list', 'status', 'start', 'stop', 'kill', 'down', 'destroy', 'recover', 'wsrep-recover',
  'sql', 'check', 'partition', 'heal', 'config',
];

class UsageError extends Error {}

interface Parsed {
  slot?: number;
  dir?: string;
  command: string;
  args: string[];
}

function parse(argv: string[]): Parsed {
  const out: Partial<Parsed> = {};
  let k = 0;
  for (; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === '--slot') {
      const slot = Number(argv[++k]);
      if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_SLOTS) throw new UsageError(`--slot needs 0..${MAX_SLOTS - 1}`);
      out.slot = slot;
    } else if (arg === '--dir') {
      const dir = argv[++k];
      if (!dir) throw new UsageError('--dir needs a directory');
      out.dir = dir;
    } else if (arg === '-h' || arg === '--help') {
      throw new UsageError('');
    } else break;
  }
  const command = argv[k];
  if (!command) throw new UsageError('missing command');
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  return { ...out, command, args: argv.slice(k + 1) };
}

const nodeName = (arg: string | undefined): string => {
  if (arg === undefined) throw new UsageError('missing NODE');
  return /^[1-9]$/.test(arg) ? `node${arg}` : arg;
};

function printRows(rows: Record<string, unknown>[]): void {
  for (const row of rows) console.log(Object.values(row).map((v) => (v === null ? 'NULL' : String(v))).join('\t'));
}

function list(): void {
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const lock = readSlotLock(slot);
    if (!lock) continue;
    const owner = lock.persistent ? 'persistent' : `pid ${lock.pid}${isStale(lock) ? ' (dead: stale)' : ''}`;
    console.log(`slot ${slot}\t${owner}\t${lock.baseDir}\t${lock.createdAt}`);
  }
}

async function run(parsed: Parsed): Promise<number> {
  const { command, args } = parsed;
  const log = (line: string) => console.log(line);
  if (command === 'list') return list(), 0;
  if (command === 'up') {
    const nodes = args[0] === undefined ? 3 : Number(args[0]);
    const lab = await GaleraLab.create({ nodes, slot: parsed.slot, baseDir: parsed.dir, persistent: true, log });
    console.log(`lab in slot ${lab.slot}: ${lab.baseDir} (monitor user: ${lab.monitor.user}/${lab.monitor.password})`);
    console.log(formatStatusTable(await lab.status()));
    return 0;
  }
  const lab = await GaleraLab.attach({ slot: parsed.slot, baseDir: parsed.dir, log });
  switch (command) {
    case 'status':
      console.log(formatStatusTable(await lab.status()));
      return 0;
    case 'start': {
      const name = nodeName(args[0]);
      const rest = args.slice(1);
      const noWait = rest.includes('--no-wait');
      const mariadbdArgs = rest.filter((a) => a !== '--no-wait' && a !== '--');
      await lab.start(name, { args: mariadbdArgs, wait: noWait ? 'none' : 'synced' });
      return 0;
    }
    case 'stop':
      await lab.stop(nodeName(args[0]));
      return 0;
    case 'kill':
      await lab.kill(nodeName(args[0]));
      return 0;
    case 'down':
      await lab.down();
      return 0;
    case 'destroy':
      await lab.destroy();
      return 0;
    case 'recover':
      await lab.recover();
      console.log(formatStatusTable(await lab.status()));
      return 0;
    case 'wsrep-recover': {
      const p = await lab.wsrepRecover(nodeName(args[0]));
      console.log(`${p.uuid}:${p.seqno}`);
      return 0;
    }
    case 'sql': {
      if (args[1] === undefined) throw new UsageError("sql needs NODE 'SQL'");
      printRows(await lab.sql(nodeName(args[0]), args[1]));
      return 0;
    }
    case 'check': {
      const result = await lab.check();
      console.log(result.detail);
      return CHECK_EXIT_CODES[result.verdict];
    }
    case 'partition':
      await lab.partition(nodeName(args[0]));
      console.log(`${nodeName(args[0])} isolated (gmcast.isolate=1)`);
      return 0;
    case 'heal':
      await lab.heal();
      console.log('gmcast.isolate=0 on every running node');
      return 0;
    case 'config': {
      const name = nodeName(args[0]);
      const key = args[1];
      if (key === undefined) throw new UsageError('config needs NODE KEY [VALUE | --unset]');
      if (args[2] === undefined) {
        const value = lab.configOption(name, key);
        if (value === null) return console.error(`${key} is not set in ${lab.node(name).myCnf}`), 1;
        console.log(value);
        return 0;
      }
      await lab.setConfigOption(name, key, args[2] === '--unset' ? null : args[2]);
      return 0;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed: Parsed | undefined;
  try {
    parsed = parse(argv);
    return await run(parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`cli: ${error.message}`);
      console.error(USAGE);
      return 64;
    }
    console.error(error instanceof Error ? error.message : String(error));
    // 1 means "degraded" for check; an error there must not look like a verdict.
    return parsed?.command === 'check' ? 4 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
