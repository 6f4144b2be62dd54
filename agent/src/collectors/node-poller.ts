import {
  pickPcOptions,
  STATE_STATUS_VARIABLES,
  toNodeStatus,
  unreachableStatus,
  type GuardSettings,
  type NodeStatus,
  type StatusReading,
} from '@quorum/protocol';
import { SqlError, type SqlClient } from '../mysql/connection';

/** What the collectors need from a node. Never rejects: an unreachable node is a state. */
export interface NodeSource {
  /** One state poll: wsrep status, member set, cluster address and name. */
  pollState(): Promise<NodeStatus>;
  /** The full `SHOW GLOBAL STATUS`, or undefined when the node cannot be read. */
  readStatus(): Promise<StatusReading | undefined>;
  /**
   * The allow-listed settings as the server runs them (configuration guard), or undefined when the
   * node cannot be read. Optional: a source without it reports no running settings.
   */
  readSettings?(): Promise<GuardSettings | undefined>;
  close(): Promise<void>;
}

const STATUS_SQL = `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATE_STATUS_VARIABLES.map((v) => `'${v}'`).join(', ')})`;
const VARIABLES_SQL = 'SELECT @@wsrep_cluster_address AS address, @@wsrep_cluster_name AS name';
const MEMBERS_SQL = 'SELECT node_uuid, node_name, node_incoming_address FROM mysql.wsrep_cluster_members';
const SETTINGS_SQL =
  'SELECT @@wsrep_on AS wsrep_on, @@wsrep_cluster_name AS wsrep_cluster_name, @@wsrep_cluster_address AS wsrep_cluster_address, ' +
  '@@wsrep_node_name AS wsrep_node_name, @@wsrep_node_address AS wsrep_node_address, ' +
  '@@innodb_flush_log_at_trx_commit AS innodb_flush_log_at_trx_commit, @@wsrep_provider_options AS wsrep_provider_options';
/** A server built without wsrep has none of the @@wsrep_* variables. */
const SETTINGS_SQL_NO_WSREP = 'SELECT @@innodb_flush_log_at_trx_commit AS innodb_flush_log_at_trx_commit';

/**
 * Server errors that mean "this server does not have that" (not Galera, an older version, or a
 * monitoring user without the grant): the poll goes on without that part.
 */
const MISSING = new Set([
  1146, // ER_NO_SUCH_TABLE: mysql.wsrep_cluster_members on a server without wsrep
  1142, // ER_TABLEACCESS_DENIED_ERROR
  1143, // ER_COLUMNACCESS_DENIED_ERROR
  1193, // ER_UNKNOWN_SYSTEM_VARIABLE: @@wsrep_* on a server built without wsrep
  1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR
]);

type Support = 'unknown' | 'yes' | 'no';

interface Row {
  [column: string]: unknown;
}

/**
 * Polls one node over one persistent connection. A state poll is ONE round trip: the state status
 * variables, the cluster address/name and the member set, as three statements. When the server
 * lacks one of the optional parts (not a Galera node), it is probed once per connection and left
 * out from then on.
 */
export class NodePoller implements NodeSource {
  readonly #sql: SqlClient;
  #variables: Support = 'unknown';
  #members: Support = 'unknown';

  constructor(sql: SqlClient) {
    this.#sql = sql;
  }

  async pollState(): Promise<NodeStatus> {
    try {
      return await this.#pollOnce();
    } catch (e) {
      if (e instanceof SqlError && e.serverError && MISSING.has(e.errno ?? 0)) {
        try {
          await this.#probe();
          return await this.#pollOnce();
        } catch (again) {
          return this.#failed(again);
        }
      }
      return this.#failed(e);
    }
  }

  async readStatus(): Promise<StatusReading | undefined> {
    try {
      const rows = (await this.#sql.query('SHOW GLOBAL STATUS')) as Row[];
      return { at: Date.now(), status: statusRecord(rows) };
    } catch (e) {
      if (!(e instanceof SqlError && e.serverError)) this.#forgetSupport();
      return undefined;
    }
  }

  async readSettings(): Promise<GuardSettings | undefined> {
    let row: Row | undefined;
    try {
      row = ((await this.#sql.query(SETTINGS_SQL)) as Row[])[0];
    } catch (e) {
      if (!(e instanceof SqlError && e.serverError && MISSING.has(e.errno ?? 0))) return undefined;
      try {
        row = ((await this.#sql.query(SETTINGS_SQL_NO_WSREP)) as Row[])[0];
      } catch {
        return undefined;
      }
    }
    if (!row) return undefined;
    const out: GuardSettings = {};
    for (const key of ['wsrep_on', 'wsrep_cluster_name', 'wsrep_cluster_address', 'wsrep_node_name', 'wsrep_node_address', 'innodb_flush_log_at_trx_commit'] as const) {
      const v = stringOrNull(row[key]);
      if (v !== null) out[key] = v.slice(0, 2048);
    }
    const provider = stringOrNull(row.wsrep_provider_options);
    if (provider !== null) out.providerOptions = pickPcOptions(provider);
    return out;
  }

  close(): Promise<void> {
    return this.#sql.close();
  }

  async #pollOnce(): Promise<NodeStatus> {
    const withVariables = this.#variables !== 'no';
    const withMembers = this.#members !== 'no';
    const statements = [STATUS_SQL, ...(withVariables ? [VARIABLES_SQL] : []), ...(withMembers ? [MEMBERS_SQL] : [])];
    const result = await this.#sql.query(statements.join('; '));
    const sets = (statements.length === 1 ? [result] : result) as Row[][];
    let i = 0;
    const status = statusRecord(sets[i++] ?? []);
    const variables = withVariables ? sets[i++]?.[0] : undefined;
    const members = withMembers ? (sets[i++] ?? []) : undefined;
    if (withVariables) this.#variables = 'yes';
    if (withMembers) this.#members = 'yes';
    return toNodeStatus({
      status,
      members: members?.map((m) => ({
        node_uuid: String(m.node_uuid ?? ''),
        node_name: String(m.node_name ?? ''),
        node_incoming_address: String(m.node_incoming_address ?? ''),
      })) ?? null,
      clusterAddress: stringOrNull(variables?.address),
      clusterName: stringOrNull(variables?.name),
    });
  }

  /** Finds out which optional statements this server supports, one by one. */
  async #probe(): Promise<void> {
    const supported = async (sql: string): Promise<Support> => {
      try {
        await this.#sql.query(sql);
        return 'yes';
      } catch (e) {
        if (e instanceof SqlError && e.serverError && MISSING.has(e.errno ?? 0)) return 'no';
        throw e;
      }
    };
    this.#variables = await supported(VARIABLES_SQL);
    this.#members = await supported(MEMBERS_SQL);
  }

  #failed(e: unknown): NodeStatus {
    // A server error (e.g. a missing grant on SHOW STATUS) still means "not monitorable".
    if (!(e instanceof SqlError && e.serverError)) this.#forgetSupport();
    return unreachableStatus(e instanceof Error ? e.message : String(e));
  }

  /** A new connection may be a different server (upgraded, Galera turned on): probe again. */
  #forgetSupport(): void {
    this.#variables = 'unknown';
    this.#members = 'unknown';
  }
}

function statusRecord(rows: Row[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const row of rows) {
    const name = row.Variable_name;
    if (typeof name === 'string') out[name] = stringOrNull(row.Value);
  }
  return out;
}

function stringOrNull(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}
