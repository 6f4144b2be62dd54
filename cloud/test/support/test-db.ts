import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { ensureDatabaseExists, migrateDatabase, openDatabase, poolOptionsFromUrl, type DatabaseHandle } from '../../src/db/client';

/**
 * A fresh, migrated database on the machine's MariaDB (127.0.0.1:3306, root, empty password; or
 * TEST_DATABASE_SERVER=mysql://user:pass@host:port) for one test file, dropped by `drop()`.
 * Tests never share a database, so they can run concurrently.
 */
export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const server = testDatabaseServer();
  const name = `quorum_${label.replace(/[^a-z0-9_]/gi, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const parsed = new URL(server);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  try {
    await ensureDatabaseExists(url);
  } catch (cause) {
    throw new Error(
      `Tests need a MariaDB/MySQL server at ${server} (root, empty password) — start it, or set TEST_DATABASE_SERVER. ${(cause as Error).message}`,
      { cause },
    );
  }
  const handle = openDatabase(url);
  await migrateDatabase(handle.db);
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close().catch(() => {});
      const { database: _db, ...serverOptions } = poolOptionsFromUrl(url);
      const conn = await mysql.createConnection(serverOptions);
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}

/**
 * The server tests make their databases on: TEST_DATABASE_SERVER, which `npm test` sets (to the
 * machine's MariaDB on 127.0.0.1:3306 when root can log in there, else to a private server it
 * starts), or 127.0.0.1:3306 when a test file is run on its own.
 */
export function testDatabaseServer(): string {
  return process.env.TEST_DATABASE_SERVER ?? 'mysql://root@127.0.0.1:3306';
}
