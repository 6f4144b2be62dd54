import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalHost, type LocalHost, type LocalHostOptions } from '../../../src/adapters/local/host';
import { silentLogger } from '../../../src/ports/logger';
import type { TestDatabase } from '../../support/test-db';

/**
 * A real local host on a free port, on a test database, with a throw-away data folder (its
 * signing key), the scheduled jobs off (tests run them), and logs silenced unless TEST_LOG=1.
 */
export async function startTestHost(
  db: Pick<TestDatabase, 'url'>,
  options: Partial<LocalHostOptions> = {},
): Promise<LocalHost & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'quorum-host-'));
  const host = await startLocalHost({
    port: 0,
    databaseUrl: db.url,
    schedule: false,
    ...(process.env.TEST_LOG ? { logLevel: 'debug' } : { log: silentLogger }),
    ...options,
    dataDir,
  });
  return {
    ...host,
    dataDir,
    async dispose() {
      await host.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
