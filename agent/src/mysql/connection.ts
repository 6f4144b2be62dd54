import { readFile } from 'node:fs/promises';
import { createConnection, type Connection } from 'mysql2';
import type { MysqlConfig } from '../config/schema';

/**
 * One persistent connection to one node as the monitoring user. It connects on first use and again
 * after any connection-level failure; every call is bounded by `timeoutMs` (connect included), and
 * a timed-out connection is thrown away, so one dead node never holds up anything else.
 *
 * The password is read from its file at each connect (so rotating it needs no restart) and is
 * never logged or kept beyond the connection options.
 */
export interface SqlClient {
  /** Runs SQL (several statements allowed); resolves with the rows, or rejects with a SqlError. */
  query(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

/** A failure of a query. `serverError` means the server answered with an error and the connection is fine. */
export class SqlError extends Error {
  readonly errno: number | undefined;
  readonly serverError: boolean;
  constructor(message: string, options: { errno?: number; serverError: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'SqlError';
    this.errno = options.errno;
    this.serverError = options.serverError;
  }
}

export interface MonitorConnectionOptions {
  mysql: MysqlConfig;
  timeoutMs: number;
}

export class MonitorConnection implements SqlClient {
  readonly #opts: MonitorConnectionOptions;
  #conn: Connection | undefined;
  #connecting: Promise<Connection> | undefined;

  constructor(options: MonitorConnectionOptions) {
    this.#opts = options;
  }

  async query(sql: string): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = { passed: false };
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        deadline.passed = true;
        this.#discard();
        reject(new SqlError(`no answer within ${this.#opts.timeoutMs} ms`, { serverError: false }));
      }, this.#opts.timeoutMs);
    });
    try {
      return await Promise.race([this.#run(sql, deadline), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const conn = this.#conn;
    this.#conn = undefined;
    this.#connecting = undefined;
    if (!conn) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        conn.destroy();
        resolve();
      }, 1000);
      conn.end(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  async #run(sql: string, deadline: { passed: boolean }): Promise<unknown> {
    const conn = await this.#connect();
    // A connect that finished after the deadline: the caller has gone, do not run the query.
    if (deadline.passed) throw new SqlError('timed out', { serverError: false });
    return new Promise((resolve, reject) => {
      conn.query(sql, (err, rows) => {
        if (!err) return resolve(rows);
        const serverError = typeof err.errno === 'number' && !err.fatal && err.sqlState !== undefined;
        if (!serverError) this.#discard(conn);
        reject(new SqlError(err.message, { errno: err.errno, serverError, cause: err }));
      });
    });
  }

  #connect(): Promise<Connection> {
    if (this.#conn) return Promise.resolve(this.#conn);
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<Connection> {
    const { mysql, timeoutMs } = this.#opts;
    let password: string;
    try {
      password = (await readFile(mysql.passwordFile, 'utf8')).replace(/\r?\n$/, '');
    } catch (e) {
      throw new SqlError(`cannot read the password file ${mysql.passwordFile}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, {
        serverError: false,
      });
    }
    const conn = createConnection({
      ...(mysql.socket !== undefined ? { socketPath: mysql.socket } : { host: mysql.host, port: mysql.port ?? 3306 }),
      user: mysql.user,
      password,
      connectTimeout: timeoutMs,
      multipleStatements: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
    // Without a listener a lost connection would be an uncaught 'error' event and end the process.
    conn.on('error', () => this.#discard(conn));
    await new Promise<void>((resolve, reject) => {
      conn.connect((err) => {
        if (!err) return resolve();
        conn.destroy();
        reject(new SqlError(err.message, { errno: err.errno, serverError: false, cause: err }));
      });
    });
    this.#conn = conn;
    return conn;
  }

  /** Drops the connection (or only `which`, if it is still the current one); the next query reconnects. */
  #discard(which?: Connection): void {
    const conn = this.#conn;
    if (!conn || (which && which !== conn)) return;
    this.#conn = undefined;
    conn.destroy();
  }
}
