import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { ensureDatabaseExists, migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/db/client';

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
  const server = process.env.TEST_DATABASE_SERVER ?? 'mysql://root@127.0.0.1:3306';
  const name = `quorum_${label.replace(/[^a-z0-9_]/gi, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const url = `${server.replace(/\/$/, '')}/${name}`;
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
      const conn = await mysql.createConnection({ uri: server });
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}
