import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMariadb } from '../../src/adapters/local/embedded-mariadb';
import { startLocalHost } from '../../src/adapters/local/host';
import { findProcessesWithArgument } from '../../src/adapters/local/process-scan';
import { silentLogger } from '../../src/ports/logger';

const serversOf = (dataDir: string) => findProcessesWithArgument(`--datadir=${join(dataDir, 'db')}`);

test('without DATABASE_URL the host brings up a private MariaDB, migrates, serves, and stops it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qe-'));
  try {
    const host = await startLocalHost({ dataDir, port: 0, log: silentLogger, schedule: false });
    try {
      assert.equal(serversOf(dataDir).length, 1, 'one private server for this data folder');
      assert.ok(existsSync(join(dataDir, 'mariadb.sock')));
      const res = await fetch(`${host.url}/api/v1/health`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { status: string }).status, 'ok');
      const [tables] = (await host.deps.db.execute('show tables')) as unknown as [Array<Record<string, string>>];
      const names = tables.map((row) => Object.values(row)[0]);
      for (const t of ['agents', 'clusters', 'metric_samples', 'ingested_batches']) assert.ok(names.includes(t), `${t} migrated`);
    } finally {
      await host.stop();
    }
    assert.deepEqual(serversOf(dataDir), [], 'no mariadbd of this data folder is left running');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a private server left behind by a crashed run, and its stale pid file, are handled on the next start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qe-'));
  try {
    const crashed = await startEmbeddedMariadb({ dataDir, log: silentLogger });
    // The process that owned it "crashed": nobody will ever call crashed.stop().
    writeFileSync(join(dataDir, 'mariadb.pid'), '999999\n');
    const host = await startLocalHost({ dataDir, port: 0, log: silentLogger, schedule: false });
    try {
      const running = serversOf(dataDir);
      assert.equal(running.length, 1);
      assert.notEqual(running[0], crashed.pid, 'the leftover server was stopped and a new one started');
      assert.equal((await fetch(`${host.url}/api/v1/health`)).status, 200);
    } finally {
      await host.stop();
    }
    assert.deepEqual(serversOf(dataDir), []);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
