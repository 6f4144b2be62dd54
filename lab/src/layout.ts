import { join } from 'node:path';

/**
 * Where a lab lives: addresses, ports and files, all derived from (slot, node index) so that
 * several labs on one machine never collide and any process can find a lab from its slot alone.
 *
 * Slot s (0..19), node i (1..9):
 *   address  127.0.0.(10·(s+1)+i)        slot 0 → .11–.19, slot 1 → .21–.29 … slot 19 → .201–.209
 *   MySQL    23000 + 100·s + 10 + i      slot 0 → 23011–23019, slot 19 → 24911–24919
 *   Galera   23000 + 100·s + 20 + i      (gmcast)
 *   IST      23000 + 100·s + 30 + i
 *   SST      23000 + 100·s + 40 + i      (rsync daemon)
 *
 * Why 23000–24999: below Linux's ephemeral range (32768–60999 here), so an outgoing connection
 * can never have taken one of our listen ports by chance; and clear of 3306, 4369, 4222, 5432,
 * 5672, 6379, 8080, 1883 and 25672 (services on this machine). Distinct addresses per slot are
 * what make partitions per node meaningful; distinct ports per slot are a second line of defence.
 */
export const MAX_SLOTS = 20;
export const MAX_NODES = 9;
export const PORT_BASE = 23000;
/** Locks and default lab directories. Every parent must be traversable by the mysql user. */
export const LAB_ROOT = '/tmp/quorum-galera-lab';

export interface NodePorts {
  mysql: number;
  galera: number;
  ist: number;
  sst: number;
}

/** One mariadbd of a lab. Paths are absolute. */
export interface LabNode {
  name: string;
  index: number;
  host: string;
  /** MySQL (client) port on `host`. */
  port: number;
  galeraPort: number;
  istPort: number;
  sstPort: number;
  socket: string;
  dir: string;
  dataDir: string;
  myCnf: string;
  errorLog: string;
  /** stdout/stderr of mariadbd (errors before the error log is opened land here). */
  consoleLog: string;
  /** Written by the lab, not by mariadbd: the pid the lab started. */
  pidFile: string;
}

export function assertSlot(slot: number): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_SLOTS) {
    throw new Error(`galera-lab: slot must be an integer 0..${MAX_SLOTS - 1}, got ${String(slot)}`);
  }
}

export function assertNodeIndex(index: number): void {
  if (!Number.isInteger(index) || index < 1 || index > MAX_NODES) {
    throw new Error(`galera-lab: node index must be an integer 1..${MAX_NODES}, got ${String(index)}`);
  }
}

/** @example nodeAddress(0, 1) // '127.0.0.11' */
export function nodeAddress(slot: number, index: number): string {
  assertSlot(slot);
  assertNodeIndex(index);
  return `127.0.0.${10 * (slot + 1) + index}`;
}

/** @example nodePorts(1, 2).mysql // 23112 */
export function nodePorts(slot: number, index: number): NodePorts {
  assertSlot(slot);
  assertNodeIndex(index);
  const base = PORT_BASE + 100 * slot;
  return { mysql: base + 10 + index, galera: base + 20 + index, ist: base + 30 + index, sst: base + 40 + index };
}

export function defaultBaseDir(slot: number, root = LAB_ROOT): string {
  assertSlot(slot);
  return join(root, `slot-${slot}`);
}

export function slotLockPath(slot: number, root = LAB_ROOT): string {
  assertSlot(slot);
  return join(root, `slot-${slot}.lock`);
}

/** Linux caps a unix socket path at 107 bytes; mariadbd would fail later with a vaguer message. */
const MAX_SOCKET_PATH = 107;

export function labNode(slot: number, baseDir: string, index: number): LabNode {
  const ports = nodePorts(slot, index);
  const dir = join(baseDir, `node${index}`);
  const socket = join(dir, 'mysqld.sock');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    throw new Error(`galera-lab: socket path too long for a unix socket (${socket}); use a shorter baseDir`);
  }
  return {
    name: `node${index}`,
    index,
    host: nodeAddress(slot, index),
    port: ports.mysql,
    galeraPort: ports.galera,
    istPort: ports.ist,
    sstPort: ports.sst,
    socket,
    dir,
    dataDir: join(dir, 'data'),
    myCnf: join(dir, 'my.cnf'),
    errorLog: join(dir, 'error.log'),
    consoleLog: join(dir, 'console.log'),
    pidFile: join(dir, 'lab.pid'),
  };
}

export function labNodes(slot: number, baseDir: string, count: number): LabNode[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_NODES) {
    throw new Error(`galera-lab: nodes must be an integer 1..${MAX_NODES}, got ${String(count)}`);
  }
  return Array.from({ length: count }, (_, k) => labNode(slot, baseDir, k + 1));
}
