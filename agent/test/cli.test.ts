import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FakeCloud } from './helpers/fake-cloud';
import { tempDir, waitUntil, writePasswordFile } from './helpers/fixtures';
import { testServer } from './helpers/test-server';

const dbServer = testServer();

/** The real launcher, run as a subprocess, the way an operator (or systemd) runs it. */
const BIN = fileURLToPath(new URL('../bin/quorum-agent', import.meta.url));
const VERSION = (JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const TOKEN = 'qet_0123456789abcdef0123';

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr: () => string;
}

function start(args: string[]): Run {
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

const cli = (args: string[]) => start(args).done;

/** A local port where nothing listens (fetch refuses some well-known ports such as 1). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('quorum-agent command line', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let cloud: FakeCloud;
  let pw: string;
  before(async () => {
    dir = await tempDir();
    pw = await writePasswordFile(dir.path, dbServer.password);
    cloud = await FakeCloud.start({ tokens: [TOKEN] });
  });
  after(async () => {
    await cloud.stop();
    await dir.remove();
  });

  const config = async (name: string, stateDir: string, port = dbServer.port) => {
    const path = join(dir.path, name);
    await writeFile(
      path,
      `stateDir: ${stateDir}
polling: { stateIntervalMs: 200, sampleIntervalMs: 1000 }
clusters:
  - name: local
    nodes:
      - name: db1
        mysql: { host: ${dbServer.host}, port: ${port}, user: ${dbServer.user}, passwordFile: ${pw} }
        control: { method: systemd, unit: mariadb }
`,
    );
    return path;
  };

  it('version prints the package version', async () => {
    const r = await cli(['version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), `quorum-agent ${VERSION}`);
  });

  it('an unknown flag is a usage error (exit 2) naming the flag', async () => {
    const r = await cli(['run', '--conifg', '/x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown flag --conifg for "run"/);
    assert.match(r.stderr, /Usage: quorum-agent/);
  });

  it('run with a bad config exits 2 naming every bad field', async () => {
    const path = join(dir.path, 'bad.yaml');
    await writeFile(
      path,
      `polling: { stateIntervalMs: 10 }\nclusters:\n  - name: c1\n    nodes:\n      - name: n1\n        mysql: { host: h, port: 0, user: u, passwordFile: /nonexistent/pw }\n        contrl: {}\n`,
    );
    const r = await cli(['run', '--config', path]);
    assert.equal(r.code, 2);
    for (const line of [
      'polling.stateIntervalMs: expected the state poll interval in milliseconds, from 200 to 60000',
      'clusters.0.nodes.0.mysql.port: expected a number from 1 to 65535',
      'clusters.0.nodes.0.contrl: unknown key',
      'clusters.0.nodes.0.mysql.passwordFile: /nonexistent/pw does not exist',
    ]) {
      assert.ok(r.stderr.includes(line), `missing "${line}" in:\n${r.stderr}`);
    }
  });

  it('enroll with a rejected token prints the reason, exits 1 and writes nothing', async () => {
    const stateDir = join(dir.path, 'state-rejected');
    const r = await cli(['enroll', '--url', cloud.httpUrl, '--token', 'qet_wrong_token_00000000', '--state-dir', stateDir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /enrollment failed: The enrollment token is invalid, expired or used up\. \(invalid_token, HTTP 400\)/);
    await assert.rejects(stat(join(stateDir, 'identity.json')), { code: 'ENOENT' });
    assert.ok(!r.stderr.includes('qet_wrong_token'), 'the token is not echoed');
  });

  it('enroll an unreachable control plane: clear message, exit 1', async () => {
    const port = await closedPort();
    const r = await cli(['enroll', '--url', `http://127.0.0.1:${port}`, '--token', TOKEN, '--state-dir', join(dir.path, 'nowhere')]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`enrollment failed: cannot reach http://127.0.0.1:${port}/api/v1/agents/enroll: ECONNREFUSED`), r.stderr);
  });

  it('enroll → identity 0600 in a 0700 state dir with pinned keys; run streams to the cloud; SIGTERM exits 0', async () => {
    const stateDir = join(dir.path, 'state');
    const path = await config('agent.yaml', stateDir);
    const enrolled = await cli(['enroll', '--url', cloud.httpUrl, '--token', TOKEN, '--config', path]);
    assert.equal(enrolled.code, 0, enrolled.stderr);
    assert.match(enrolled.stdout, /Enrolled as agent agt_\d+ \(organization org-test\)/);
    const file = join(stateDir, 'identity.json');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(stateDir)).mode & 0o777, 0o700);
    const identity = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(identity.signingKeys, [{ keyId: 'test-key-1', algorithm: 'ed25519', publicKey: cloud.signingKey.publicKey }]);
    assert.equal(identity.websocketUrl, cloud.websocketUrl);
    assert.equal(cloud.agents.get(identity.agentId as string), identity.publicKey, 'the cloud holds the agent public key');
    assert.ok(!enrolled.stdout.includes(identity.privateKey as string), 'private key never printed');

    const again = await cli(['enroll', '--url', cloud.httpUrl, '--token', TOKEN, '--config', path]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already enrolled\. Use --force/);

    const run = start(['run', '--config', path]);
    try {
      await cloud.waitFor('hello and states', () => cloud.hellos.length >= 1 && cloud.batches.some((b) => b.states.some((s) => s.node === 'db1')), 10_000);
    } catch (e) {
      run.child.kill('SIGKILL');
      throw new Error(`${(e as Error).message}\nagent stderr:\n${run.stderr()}`);
    }
    assert.deepEqual(cloud.hellos.at(-1)!.clusters, [{ name: 'local', expectedSize: 1, nodes: [{ name: 'db1', address: `${dbServer.host}:${dbServer.port}` }] }]);
    run.child.kill('SIGTERM');
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { level: string; msg: string });
    assert.ok(lines.some((l) => l.msg === 'connected to the control plane'), 'logs are JSON lines');
    assert.ok(lines.some((l) => l.msg === 'agent stopped'), 'stopped cleanly');
    assert.ok(!r.stderr.includes(identity.privateKey as string), 'private key never logged');
    assert.ok((await readdir(join(stateDir, 'spool'))).every((n) => !n.endsWith('.tmp')), 'no half-written spool files');

    const forced = await cli(['enroll', '--url', cloud.httpUrl, '--token', TOKEN, '--config', path, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    const replaced = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.notEqual(replaced.agentId, identity.agentId);
  });

  it('check reports config, nodes, enrollment, cloud and clock; exit 1 when a node is unreachable', async () => {
    const stateDir = join(dir.path, 'state');
    const good = await check(await config('check-good.yaml', stateDir));
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /^ok {4}configuration /m);
    assert.match(good.stdout, /^ok {4}signed commands: read-only; allowed: collect-diagnostics, cancel-command \(key rotation always\)$/m);
    assert.match(good.stdout, new RegExp(`^warn {2}node local/db1 \\(${dbServer.host}:${dbServer.port}\\): reachable, but not a running Galera node`, 'm'));
    assert.match(good.stdout, /^ok {4}enrolled as agent agt_/m);
    assert.match(good.stdout, /^ok {4}control plane http:\/\/127\.0\.0\.1:\d+ reachable/m);
    assert.match(good.stdout, /^ok {4}clock skew /m);

    const bad = await check(await config('check-bad.yaml', stateDir, 1));
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^fail {2}node local\/db1 \(127\.0\.0\.1:1\): unreachable: connect ECONNREFUSED/m);
  });

  it('check warns above 30 s of clock skew and fails above 60 s', async () => {
    const stateDir = join(dir.path, 'state');
    const path = await config('check-skew.yaml', stateDir);
    cloud.opts.skewMs = 45_000;
    const warn = await check(path);
    assert.equal(warn.code, 0, warn.stdout);
    assert.match(warn.stdout, /^warn {2}clock skew 45\.\d s \(this host behind\): above 30 s/m);
    cloud.opts.skewMs = -90_000;
    const fail = await check(path);
    assert.equal(fail.code, 1, fail.stdout);
    assert.match(fail.stdout, /^fail {2}clock skew -90\.\d s \(this host ahead\): above 60 s/m);
    cloud.opts.skewMs = 0;
  });

  async function check(path: string) {
    return cli(['check', '--config', path]);
  }

  it('SIGINT also stops run cleanly while the cloud is unreachable', async () => {
    const stateDir = join(dir.path, 'state-offline');
    const path = await config('offline.yaml', stateDir);
    const identity = JSON.parse(await readFile(join(dir.path, 'state', 'identity.json'), 'utf8')) as Record<string, unknown>;
    identity.websocketUrl = 'ws://127.0.0.1:1/agent';
    await (await import('node:fs/promises')).mkdir(stateDir, { recursive: true, mode: 0o700 });
    await writeFile(join(stateDir, 'identity.json'), JSON.stringify(identity), { mode: 0o600 });
    const run = start(['run', '--config', path]);
    await waitUntil('spooling', () => run.stderr().includes('cannot connect to the control plane'), 10_000);
    await waitUntil('a spooled batch', () => run.stderr().includes('"msg":"node state changed"'), 5000);
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    const spooled = (await readdir(join(stateDir, 'spool'))).filter((n) => n.endsWith('.json'));
    assert.ok(spooled.length >= 1, 'the spool persists for the next start');
  });
});
