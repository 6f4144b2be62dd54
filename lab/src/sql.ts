import mysql from 'mysql2/promise';
import { STATE_STATUS_VARIABLES, toNodeStatus, unreachableStatus, type NodeStatus } from '@quorum/protocol';

/** How to reach a node: root over its unix socket (the lab's default), or a user over TCP. */
export type SqlTarget =
  | { socket: string; user?: string; password?: string }
  | { host: string; port: number; user: string; password: string };

export interface SqlOptions {
  /** Connect + query budget; a node in SST or without a Primary must not hang a caller. */
  timeoutMs?: number;
}

type Row = Record<string, unknown>;

function connectionOptions(target: SqlTarget, timeoutMs: number): mysql.ConnectionOptions {
  const common = { connectTimeout: timeoutMs, multipleStatements: true, dateStrings: true } as const;
  if ('socket' in target) {
    return { ...common, socketPath: target.socket, user: target.user ?? 'root', password: target.password ?? '' };
  }
  return { ...common, host: target.host, port: target.port, user: target.user, password: target.password };
}

/**
 * mysql2 returns rows for one statement, and an array of per-statement results (rows arrays or OK
 * packets) for several. We want the rows of the last statement that returned rows.
 */
function rowsOf(result: unknown): Row[] {
  if (!Array.isArray(result)) return []; // OK packet of a statement without rows
  if (result.some((r) => Array.isArray(r))) {
    const sets = result.filter((r): r is Row[] => Array.isArray(r));
    return sets[sets.length - 1] ?? [];
  }
  const isOkPacket = (r: unknown) => typeof r === 'object' && r !== null && 'affectedRows' in r && 'fieldCount' in r;
  if (result.length > 0 && result.every(isOkPacket)) return []; // several statements, none with rows
  return result as Row[];
}

/**
 * Runs SQL (one or several statements) on one connection and returns the rows of the last
 * statement that returned rows. Opens and closes a connection per call: the lab polls rarely and
 * a fresh connection never carries state from a restarted server.
 *
 * @example await runSql({ socket: node.socket }, 'SHOW STATUS LIKE "wsrep_cluster_size"')
 */
export async function runSql(target: SqlTarget, sql: string, options: SqlOptions = {}): Promise<Row[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const connection = await mysql.createConnection(connectionOptions(target, timeoutMs));
  try {
    const [result] = await connection.query({ sql, timeout: timeoutMs });
    return rowsOf(result);
  } finally {
    connection.destroy();
  }
}

const STATUS_SQL = `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATE_STATUS_VARIABLES.map((v) => `'${v}'`).join(',')})`;

/**
 * One poll of a node, parsed by the protocol's `toNodeStatus` so the lab and the agent agree on
 * what a status means. Never throws: an unreachable node is `unreachableStatus(error)`.
 */
export async function pollStatus(target: SqlTarget, options: SqlOptions = {}): Promise<NodeStatus> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection(connectionOptions(target, timeoutMs));
    const [statusRows] = await connection.query({ sql: STATUS_SQL, timeout: timeoutMs });
    const status: Record<string, string | null> = {};
    for (const row of rowsOf(statusRows)) {
      const name = row['Variable_name'];
      const value = row['Value'];
      if (typeof name === 'string') status[name] = value === null || value === undefined ? null : String(value);
    }
    const [varRows] = await connection.query({
      sql: 'SELECT @@wsrep_cluster_address AS address, @@wsrep_cluster_name AS name',
      timeout: timeoutMs,
    });
    const vars = rowsOf(varRows)[0] ?? {};
    // On a node outside a Primary view this is the last Primary view (stale), and reading it can
    // fail on some states: members are optional in NodeStatus, so a failure is just null.
    let members: Array<{ node_uuid: string; node_name: string; node_incoming_address: string }> | null = null;
    try {
      const [memberRows] = await connection.query({
        sql: 'SELECT node_uuid, node_name, node_incoming_address FROM mysql.wsrep_cluster_members',
        timeout: timeoutMs,
      });
      members = rowsOf(memberRows).map((m) => ({
        node_uuid: String(m['node_uuid'] ?? ''),
        node_name: String(m['node_name'] ?? ''),
        node_incoming_address: String(m['node_incoming_address'] ?? ''),
      }));
    } catch {
      members = null;
    }
    return toNodeStatus({
      status,
      members,
      clusterAddress: typeof vars['address'] === 'string' ? vars['address'] : null,
      clusterName: typeof vars['name'] === 'string' ? vars['name'] : null,
    });
  } catch (error) {
    return unreachableStatus(error instanceof Error ? error.message : String(error));
  } finally {
    connection?.destroy();
  }
}

/** Quotes a string literal for SQL the lab builds itself (user names, passwords). */
export const sqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
