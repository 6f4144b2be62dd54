import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CONFIG_PATH } from '../src/config/load';
import { DEFAULT_STATE_DIR } from '../src/config/schema';
import { formatPosition } from '../src/galera/position';
import { identityPath } from '../src/trust/identity-store';
import { FakeCloud } from './helpers/fake-cloud';
import { tempDir, writePasswordFile } from './helpers/fixtures';
import { testServer } from './helpers/test-server';

/**
 * `npm run package -w agent`: the .deb as dpkg sees it (control fields, files, owners and modes,
 * maintainer scripts, the unit), then its contents run from an unpacked copy, with no node_modules
 * anywhere above it: the launcher and the one-file bundle enroll, check a real MariaDB and stream
 * to a cloud. The package is never installed on this machine (its scripts would add a user).
 */
const AGENT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(AGENT, 'package.json'), 'utf8')) as { version: string }).version;
const DEB_NAME = `quorum-agent_${VERSION}_all.deb`;
const dbServer = testServer();
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
/** A checking tool is part of the test, not optional: missing, the test fails saying how to get it. */
const MISSING_TOOL = (tool: string, pkg: string) =>
  `${tool} is not installed (Debian package ${pkg}): run sudo scripts/install-os-deps.sh --for-tests`;

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As `run`, without blocking the event loop (the fake cloud answers from this process). */
function runAsync(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the Debian package', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let deb: string;
  let root: string;
  const unitText = () => readFileSync(join(root, 'lib/systemd/system/quorum-agent.service'), 'utf8');

  before(async () => {
    dir = await tempDir('quorum-agent-deb-test-');
    const started = performance.now();
    const built = run('npm', ['run', 'package', '--silent', '--', '--out-dir', join(dir.path, 'out')], { cwd: AGENT });
    assert.equal(built.code, 0, built.stderr);
    deb = join(dir.path, 'out', DEB_NAME);
    assert.ok(existsSync(deb), `${deb} was built`);
    console.log(`built ${DEB_NAME}: ${(readFileSync(deb).length / 1024).toFixed(0)} KiB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    root = join(dir.path, 'root');
    execFileSync('dpkg-deb', ['-x', deb, root]);
  });
  after(() => dir?.remove());

  it('has the control fields an operator and apt expect', () => {
    const field = (name: string) => execFileSync('dpkg-deb', ['--field', deb, name], { encoding: 'utf8' }).trim();
    assert.equal(field('Package'), 'quorum-agent');
    assert.equal(field('Version'), VERSION.replace('-', '~'));
    assert.equal(field('Architecture'), 'all');
    assert.equal(field('Depends'), 'nodejs (>= 20), adduser');
    assert.match(field('Maintainer'), /^.+ <[^@\s]+@[^>\s]+>$/);
    assert.match(field('Homepage'), /^https:\/\//);
    assert.match(field('Description'), /^Quorum agent for MariaDB Galera clusters\n /);
    assert.match(field('Installed-Size'), /^\d+$/);
    const info = execFileSync('dpkg-deb', ['--info', deb], { encoding: 'utf8' });
    for (const script of ['postinst', 'prerm', 'postrm', 'md5sums']) assert.match(info, new RegExp(`\\b${script}\\b`));
    assert.doesNotMatch(info, /\bconffiles\b/, 'nothing is shipped in /etc: the operator writes agent.yaml');
  });

  it('ships exactly these files, all root:root, binaries 0755 and the rest 0644', () => {
    const listing = execFileSync('dpkg-deb', ['--contents', deb], { encoding: 'utf8' }).trim().split('\n');
    const entries = listing.map((line) => {
      const [mode, owner, , , , path] = line.split(/\s+/);
      return { mode: mode!, owner: owner!, path: path!.replace(/^\.\//, '/') };
    });
    assert.ok(entries.every((e) => e.owner === 'root/root'), listing.join('\n'));
    const files = Object.fromEntries(entries.filter((e) => !e.mode.startsWith('d')).map((e) => [e.path, e.mode]));
    const doc = '/usr/share/doc/quorum-agent';
    assert.deepEqual(files, {
      '/lib/systemd/system/quorum-agent.service': '-rw-r--r--',
      '/usr/bin/quorum-agent': '-rwxr-xr-x',
      '/usr/lib/quorum-agent/quorum-agent.mjs': '-rw-r--r--',
      [`${doc}/README.md`]: '-rw-r--r--',
      [`${doc}/THIRD-PARTY-LICENSES`]: '-rw-r--r--',
      [`${doc}/changelog.gz`]: '-rw-r--r--',
      [`${doc}/copyright`]: '-rw-r--r--',
      [`${doc}/examples/50-quorum-agent.rules`]: '-rw-r--r--',
      [`${doc}/examples/agent.yaml`]: '-rw-r--r--',
      [`${doc}/examples/quorum-agent-sudo.conf`]: '-rw-r--r--',
      [`${doc}/examples/quorum-agent.sudoers`]: '-rw-r--r--',
      '/usr/share/man/man1/quorum-agent.1.gz': '-rw-r--r--',
    });
    assert.ok(entries.filter((e) => e.mode.startsWith('d')).every((e) => e.mode === 'drwxr-xr-x'), 'directories 0755');
    const licenses = readFileSync(join(root, doc, 'THIRD-PARTY-LICENSES'), 'utf8');
    for (const name of ['mysql2', 'ws', 'yaml', 'zod']) assert.match(licenses, new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'), `${name}'s license ships`);
  });

  it('is reproducible: a second build is byte for byte the same', () => {
    const again = run('npm', ['run', 'package', '--silent', '--', '--out-dir', join(dir.path, 'again')], { cwd: AGENT });
    assert.equal(again.code, 0, again.stderr);
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    assert.equal(sha(join(dir.path, 'again', DEB_NAME)), sha(deb));
  });

  it('the unit runs the agent as quorum-agent, hardened, only once enrolled', () => {
    const unit = unitText();
    const keys = new Map<string, string[]>();
    for (const line of unit.split('\n')) {
      const m = /^([A-Za-z]+)=(.*)$/.exec(line);
      if (m) keys.set(m[1]!, [...(keys.get(m[1]!) ?? []), m[2]!]);
    }
    const one = (k: string) => keys.get(k)?.join('\n');
    assert.equal(one('ExecStart'), `/usr/bin/quorum-agent run --config ${DEFAULT_CONFIG_PATH}`);
    assert.equal(one('ConditionPathExists'), identityPath(DEFAULT_STATE_DIR), 'the file `enroll` writes');
    assert.equal(one('StateDirectory'), DEFAULT_STATE_DIR.replace('/var/lib/', ''));
    const expected: Record<string, string> = {
      Type: 'simple', User: 'quorum-agent', Group: 'quorum-agent', KillSignal: 'SIGTERM', Restart: 'on-failure',
      StateDirectoryMode: '0700', UMask: '0077', NoNewPrivileges: 'yes', ProtectSystem: 'strict', ProtectHome: 'yes',
      PrivateTmp: 'yes', PrivateDevices: 'yes', CapabilityBoundingSet: '', AmbientCapabilities: '',
      RestrictAddressFamilies: 'AF_UNIX AF_INET AF_INET6', SystemCallFilter: '@system-service', RestrictNamespaces: 'yes',
      RestrictSUIDSGID: 'yes', LockPersonality: 'yes', ProtectKernelTunables: 'yes', ProtectKernelModules: 'yes',
      ProtectControlGroups: 'yes', ProtectProc: 'invisible', SystemCallArchitectures: 'native', WantedBy: 'multi-user.target',
    };
    for (const [k, v] of Object.entries(expected)) assert.equal(one(k), v, k);
    assert.equal(keys.has('MemoryDenyWriteExecute'), false, "Node's JIT needs W+X pages");
    assert.equal(keys.has('ReadWritePaths'), false, 'only the state directory is writable');
  });

  it('systemd-analyze accepts the unit (and the sudo drop-in) and rates its exposure', (t) => {
    if (!has('systemd-analyze')) assert.fail(MISSING_TOOL('systemd-analyze', 'systemd'));
    // A copy whose ExecStart is the unpacked launcher: verify checks that the binary exists.
    const units = join(dir.path, 'units');
    mkdirSync(join(units, 'quorum-agent.service.d'), { recursive: true });
    writeFileSync(join(units, 'quorum-agent.service'), unitText().replace('ExecStart=/usr/bin/', `ExecStart=${root}/usr/bin/`));
    const env = { ...process.env, SYSTEMD_UNIT_PATH: `${units}:/lib/systemd/system` };
    const unit = join(units, 'quorum-agent.service');
    const exposure = () => {
      const r = run('systemd-analyze', ['security', '--offline=true', unit], { env });
      return Number(/Overall exposure level for quorum-agent\.service: ([\d.]+)/.exec(r.stdout)?.[1]);
    };
    const verify = () => run('systemd-analyze', ['verify', unit], { env });
    const plain = verify();
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr.trim(), '', 'no warning either (unknown keys are only warnings)');
    const strict = exposure();
    t.diagnostic(`systemd-analyze security: exposure ${strict}`);
    assert.ok(strict <= 2, `exposure ${strict} (0 best, 10 worst)`);

    copyFileSync(join(root, 'usr/share/doc/quorum-agent/examples/quorum-agent-sudo.conf'), join(units, 'quorum-agent.service.d/sudo.conf'));
    const dropIn = verify();
    assert.equal(dropIn.code, 0, dropIn.stderr);
    assert.equal(dropIn.stderr.trim(), '');
    const relaxed = exposure();
    t.diagnostic(`with the sudo drop-in: exposure ${relaxed}`);
    assert.ok(relaxed > strict, 'the drop-in widens the sandbox (which is why it is opt-in)');
  });

  it('maintainer scripts and the launcher parse as sh and pass shellcheck', (t) => {
    const scripts = ['DEBIAN/postinst', 'DEBIAN/prerm', 'DEBIAN/postrm'].map((s) => join(dir.path, 'control', s));
    mkdirSync(join(dir.path, 'control'));
    execFileSync('dpkg-deb', ['--control', deb, join(dir.path, 'control', 'DEBIAN')]);
    for (const s of [...scripts, join(root, 'usr/bin/quorum-agent')]) {
      const r = run('sh', ['-n', s]);
      assert.equal(r.code, 0, `${s}: ${r.stderr}`);
      assert.match(readFileSync(s, 'utf8'), /^#!\/bin\/sh\n/);
    }
    for (const s of scripts) assert.match(readFileSync(s, 'utf8'), /^set -e$/m, s);
    const postinst = readFileSync(scripts[0]!, 'utf8');
    assert.match(postinst, new RegExp(`^STATE_DIR=${DEFAULT_STATE_DIR}$`, 'm'));
    assert.match(postinst, /adduser --system .*--no-create-home/s);
    assert.match(postinst, /--shell \/usr\/sbin\/nologin/);
    assert.match(postinst, /install -d -o root -g "\$AGENT_USER" -m 0750 "\$CONFIG_DIR"/);
    assert.doesNotMatch(postinst, /deb-systemd-invoke (start|restart)\b/, 'a new install is never started');
    assert.match(readFileSync(scripts[2]!, 'utf8'), /purge\)[\s\S]*deluser --system/);
    if (!has('shellcheck')) assert.fail(MISSING_TOOL('shellcheck', 'shellcheck'));
    const r = run('shellcheck', ['-s', 'sh', ...scripts, join(root, 'usr/bin/quorum-agent')]);
    assert.equal(r.code, 0, r.stdout);
  });

  it('the polkit rule grants quorum-agent start and stop of mariadb.service, nothing else', () => {
    const rules: ((action: unknown, subject: unknown) => string)[] = [];
    const polkit = { Result: { YES: 'yes', NO: 'no', NOT_HANDLED: 'not_handled' }, addRule: (f: (typeof rules)[number]) => rules.push(f) };
    runInNewContext(readFileSync(join(root, 'usr/share/doc/quorum-agent/examples/50-quorum-agent.rules'), 'utf8'), { polkit });
    assert.equal(rules.length, 1);
    const decide = (user: string, id: string, details: Record<string, string>) =>
      rules[0]!({ id, lookup: (k: string) => details[k] }, { user });
    const manage = 'org.freedesktop.systemd1.manage-units';
    assert.equal(decide('quorum-agent', manage, { unit: 'mariadb.service', verb: 'start' }), 'yes');
    assert.equal(decide('quorum-agent', manage, { unit: 'mariadb.service', verb: 'stop' }), 'yes');
    for (const [user, id, details] of [
      ['quorum-agent', manage, { unit: 'mariadb.service', verb: 'restart' }],
      ['quorum-agent', manage, { unit: 'ssh.service', verb: 'stop' }],
      ['quorum-agent', 'org.freedesktop.systemd1.set-environment', {}],
      ['quorum-agent', 'org.freedesktop.systemd1.manage-unit-files', { unit: 'mariadb.service', verb: 'start' }],
      ['mysql', manage, { unit: 'mariadb.service', verb: 'start' }],
    ] as const) {
      assert.equal(decide(user, id, details), 'not_handled', `${user} ${id} ${JSON.stringify(details)}`);
    }
  });

  it('the sudoers example parses, and its start position admits a position and nothing appended', (t) => {
    const file = join(root, 'usr/share/doc/quorum-agent/examples/quorum-agent.sudoers');
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text.replace(/^#.*$/gm, ''), /\*/, 'no wildcard: it would match extra arguments');
    // The argument regex as sudo reads it (backslash-escaped , : = unescaped).
    const raw = /\/usr\/bin\/systemctl (\^set-environment .*\$),/.exec(text)?.[1];
    assert.ok(raw);
    const re = new RegExp(raw.replace(/\\([,:=])/g, '$1'));
    const position = { uuid: '6b2f3c1a-90de-11ef-8a57-1b2c3d4e5f60', seqno: 1234 };
    // The arguments the agent passes (src/control/node-control.ts), joined as sudo matches them.
    assert.match(`set-environment _WSREP_START_POSITION=--wsrep-start-position=${formatPosition(position)}`, re);
    for (const bad of [
      `set-environment _WSREP_START_POSITION=--wsrep-start-position=${formatPosition(position)} LD_PRELOAD=/tmp/x.so`,
      `set-environment LD_PRELOAD=/tmp/x.so _WSREP_START_POSITION=--wsrep-start-position=${formatPosition(position)}`,
      'set-environment _WSREP_START_POSITION=--wsrep-start-position=x',
    ]) {
      assert.doesNotMatch(bad, re, bad);
    }
    if (!has('visudo')) assert.fail(MISSING_TOOL('visudo', 'sudo'));
    const r = run('visudo', ['-cf', file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  describe('run from the unpacked package, without node_modules', () => {
    let cloud: FakeCloud;
    const TOKEN = 'qet_package0123456789abc';
    let env: NodeJS.ProcessEnv;
    const bin = () => join(root, 'usr/bin/quorum-agent');
    const agent = (args: string[]) => runAsync(bin(), args, { cwd: dir.path, env });

    before(async () => {
      cloud = await FakeCloud.start({ tokens: [TOKEN] });
      env = { ...process.env };
      delete env.NODE_PATH;
      delete env.NODE_OPTIONS;
      // Node would resolve a bare import from any node_modules above the bundle: there is none.
      for (let d = join(root, 'usr/lib/quorum-agent'); d !== dirname(d); d = dirname(d)) {
        assert.equal(existsSync(join(d, 'node_modules')), false, `${d}/node_modules exists`);
      }
    });
    after(() => cloud?.stop());

    it('the bundle imports nothing but Node built-ins', () => {
      const bundle = readFileSync(join(root, 'usr/lib/quorum-agent/quorum-agent.mjs'), 'utf8');
      const specifiers = [...bundle.matchAll(/(?:^|\n)\s*import\s[^'"]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
      assert.ok(specifiers.length > 0);
      assert.deepEqual(specifiers.filter((s) => !isBuiltin(s)), []);
    });

    it('version and usage', async () => {
      const v = await agent(['version']);
      assert.equal(v.code, 0, v.stderr);
      assert.equal(v.stdout.trim(), `quorum-agent ${VERSION}`);
      const help = await agent(['check', '--help']);
      assert.match(help.stdout + help.stderr, /Usage: quorum-agent/);
      const bad = await agent(['run', '--conifg', '/x']);
      assert.equal(bad.code, 2);
    });

    it('enroll, check against MariaDB and the cloud, run until SIGTERM', async () => {
      const stateDir = join(dir.path, 'state');
      const pw = await writePasswordFile(dir.path, dbServer.password, 0o640);
      const config = join(dir.path, 'agent.yaml');
      writeFileSync(
        config,
        `stateDir: ${stateDir}\nclusters:\n  - name: local\n    nodes:\n      - name: db1\n        mysql: { host: ${dbServer.host}, port: ${dbServer.port}, user: ${dbServer.user}, passwordFile: ${pw} }\n`,
      );
      const enrolled = await agent(['enroll', '--url', cloud.httpUrl, '--token', TOKEN, '--config', config]);
      assert.equal(enrolled.code, 0, enrolled.stderr);
      assert.match(enrolled.stdout, /Enrolled as agent agt_\d+/);

      const check = await agent(['check', '--config', config]);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.match(check.stdout, /^ok {4}configuration /m);
      assert.doesNotMatch(check.stdout, /readable by group/, "0640 in the agent's own group is not warned about");
      assert.match(check.stdout, new RegExp(`node local/db1 \\(${dbServer.host}:${dbServer.port}\\): `));
      assert.doesNotMatch(check.stdout, /^fail/m);
      assert.match(check.stdout, /^ok {4}control plane .* reachable/m);

      const child = spawn(bin(), ['run', '--config', config], { cwd: dir.path, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      try {
        await cloud.waitFor('hello and a state of db1', () => cloud.hellos.length >= 1 && cloud.batches.some((b) => b.states.some((s) => s.node === 'db1')), 15_000);
      } catch (e) {
        child.kill('SIGKILL');
        throw new Error(`${(e as Error).message}\nagent stderr:\n${stderr}`);
      }
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
      assert.match(stderr, /"msg":"agent stopped"/);
    });
  });
});
