// `npm test`: type-check the whole repository, then run every workspace's tests in order.
// Every workspace with a "test" script runs; a failure in one does not hide the others.
//
// Tests need real parts, never skipped when missing:
// - MariaDB + Galera + rsync (the lab): named with the install command if absent;
// - a MariaDB server where root logs in with no password, for the control plane's test databases:
//   TEST_DATABASE_SERVER if set, else the machine's 127.0.0.1:3306 if root can log in there, else a
//   private server this script starts under .quorum/test-mariadb (port 33306) and stops afterwards.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { startEmbeddedMariadb, type EmbeddedMariadb } from '../cloud/src/adapters/local/embedded-mariadb';
import { jsonLogger } from '../cloud/src/ports/logger';
import { missingGaleraPieces } from '../lab/src/install';

const root = resolve(import.meta.dirname, '..');
const PRIVATE_TEST_PORT = 33306;

const missing = missingGaleraPieces();
if (missing.length > 0) {
  console.error(`npm test needs MariaDB and Galera installed; missing: ${missing.join(', ')}.\nrun: sudo scripts/install-os-deps.sh`);
  process.exit(1);
}

async function canLogIn(url: string): Promise<boolean> {
  const u = new URL(url);
  try {
    const conn = await mysql.createConnection({
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      connectTimeout: 2000,
    });
    await conn.query('SELECT 1');
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

let privateServer: EmbeddedMariadb | undefined;
let server = process.env.TEST_DATABASE_SERVER;
if (server) {
  if (!(await canLogIn(server))) {
    console.error(`TEST_DATABASE_SERVER=${server.replace(/:[^:@/]*@/, ':***@')} does not accept a login.`);
    process.exit(1);
  }
} else if (await canLogIn('mysql://root@127.0.0.1:3306')) {
  server = 'mysql://root@127.0.0.1:3306';
} else {
  console.log(`No MariaDB at 127.0.0.1:3306 that root can log in to: starting a private one on 127.0.0.1:${PRIVATE_TEST_PORT} for the tests.`);
  privateServer = await startEmbeddedMariadb({
    dataDir: resolve(root, '.quorum/test-mariadb'),
    log: jsonLogger({ level: 'warn' }),
    database: 'quorum_tests',
    tcpPort: PRIVATE_TEST_PORT,
  });
  server = `mysql://root@127.0.0.1:${PRIVATE_TEST_PORT}`;
}
const env = { ...process.env, TEST_DATABASE_SERVER: server };

const failed: string[] = [];
const run = (label: string, cmd: string, args: string[]) => {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, cwd: root });
  if (r.status !== 0) failed.push(label);
};

try {
  run('typecheck', 'npm', ['run', 'typecheck', '--silent']);
  const workspaces = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  for (const ws of workspaces) {
    const pkg = JSON.parse(readFileSync(resolve(root, ws, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    if (pkg.scripts?.test) run(`${ws} tests`, 'npm', ['test', '-w', ws, '--silent']);
  }
} finally {
  await privateServer?.stop();
}
if (failed.length > 0) {
  console.error(`\nFAILED: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nAll workspaces passed.');
