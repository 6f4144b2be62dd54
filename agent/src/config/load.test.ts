import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir, writePasswordFile } from '../../test/helpers/fixtures';
import { loadConfigFile, validateConfig } from './load';

describe('configuration file', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let pw: string;
  before(async () => {
    dir = await tempDir();
    pw = await writePasswordFile(dir.path, 'secret');
  });
  after(() => dir.remove());

  const write = async (name: string, text: string) => {
    const path = join(dir.path, name);
    await writeFile(path, text);
    return path;
  };

  it('parses a good file and applies defaults', async () => {
    const path = await write(
      'good.yaml',
      `stateDir: ${dir.path}/state
clusters:
  - name: shop-prod
    expectedSize: 3
    nodes:
      - name: node1
        mysql: { host: 10.0.0.11, port: 3306, user: quorum_monitor, passwordFile: ${pw} }
        control: { method: systemd, unit: mariadb }
      - name: node2
        mysql: { socket: /run/mysqld/mysqld.sock, user: quorum_monitor, passwordFile: ${pw} }
        control: { method: exec, start: [/usr/local/bin/db-ctl, start, "{mariadbdArgs}"], stop: [/usr/local/bin/db-ctl, stop] }
`,
    );
    const result = await loadConfigFile(path);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.config.polling.stateIntervalMs, 1000);
    assert.equal(result.config.polling.sampleIntervalMs, 10_000);
    assert.equal(result.config.spool.maxBatches, 10_000);
    assert.equal(result.config.log.level, 'info');
    assert.equal(result.config.clusters[0]!.nodes[1]!.mysql.socket, '/run/mysqld/mysqld.sock');
    // A fresh install runs read actions only.
    assert.equal(result.config.commands.readOnly, true);
    assert.deepEqual([...result.config.commands.allow].sort(), ['cancel-command', 'collect-diagnostics']);
    assert.deepEqual(result.warnings, []);
  });

  it('reads the commands policy and the node settings commands need, naming every bad one', async () => {
    const good = await write(
      'commands.yaml',
      `commands: { readOnly: false, allow: [stop-node, start-node, kill-query] }
clusters:
  - name: c1
    nodes:
      - name: n1
        mysql: { host: h, user: u, passwordFile: ${pw} }
        admin: { user: quorum_admin, passwordFile: ${pw} }
        dataDir: /var/lib/mysql
        errorLog: /var/log/mysql/error.log
        control: { method: exec, start: [/bin/ctl, start, --, "{mariadbdArgs}"], stop: [/bin/ctl, stop], recover: [/bin/ctl, recover] }
      - name: n2
        mysql: { host: h, user: u, passwordFile: ${pw} }
        control: { method: systemd, unit: mariadb, sudo: true }
`,
    );
    const ok = await loadConfigFile(good);
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.deepEqual(ok.config.commands, { readOnly: false, allow: ['stop-node', 'start-node', 'kill-query'] });
    assert.equal(ok.config.clusters[0]!.nodes[0]!.admin?.user, 'quorum_admin');
    assert.deepEqual(ok.warnings, []);

    const bad = await write(
      'commands-bad.yaml',
      `commands: { readOnly: maybe, allow: [stop-node, restart-everything], sudo: true }
clusters:
  - name: c1
    nodes:
      - name: n1
        mysql: { host: h, user: u, passwordFile: ${pw} }
        admin: { user: a, passwordFile: ${dir.path}/no-admin-pw }
        dataDir: relative/data
        control: { method: exec, start: [/bin/ctl, start], stop: [/bin/ctl, stop, "{mariadbdArgs}"] }
`,
    );
    const r = await loadConfigFile(bad);
    assert.ok(!r.ok, '!r.ok');
    const text = r.errors.join('\n');
    for (const line of [
      'commands.readOnly: expected true or false',
      'commands.allow.1: unknown action "restart-everything"; expected one of start-node,',
      'commands.sudo: unknown key',
      "clusters.0.nodes.0.dataDir: expected the absolute path of the node's data directory",
      'clusters.0.nodes.0.control.stop.2: {mariadbdArgs} is only replaced in start',
      `clusters.0.nodes.0.admin.passwordFile: ${dir.path}/no-admin-pw does not exist`,
    ]) {
      assert.ok(text.includes(line), `missing "${line}" in:\n${text}`);
    }
  });

  it('warns about write actions allowed while read-only, and a start that cannot pass mariadbd options', async () => {
    const path = await write(
      'warn.yaml',
      `commands: { allow: [stop-node, collect-diagnostics] }
clusters:
  - name: c1
    nodes:
      - name: n1
        mysql: { host: h, user: u, passwordFile: ${pw} }
        control: { method: exec, start: [/bin/ctl, start], stop: [/bin/ctl, stop] }
`,
    );
    const r = await loadConfigFile(path);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.warnings, [
      'commands.allow: stop-node change state and will be rejected while commands.readOnly is true',
      'clusters.0.nodes.0.control.start: has no {mariadbdArgs} element, so bootstrap-cluster and start positions cannot pass options to mariadbd',
    ]);
  });

  it('names every bad field at once', async () => {
    const path = await write(
      'bad.yaml',
      `stateDir: relative/dir
polling: { stateIntervalMs: 50 }
log: { level: chatty }
clusters:
  - name: "shop prod"
    nodes:
      - name: node1
        mysql: { host: 10.0.0.11, port: 70000, user: quorum_monitor, passwordFile: ${pw} }
        control: { method: ssh }
      - name: node2
        mysql: { host: 10.0.0.12, port: "x", passwordFile: ${pw} }
`,
    );
    const result = await loadConfigFile(path);
    assert.ok(!result.ok, '!result.ok');
    const text = result.errors.join('\n');
    for (const field of [
      'stateDir: expected an absolute directory path',
      'polling.stateIntervalMs: expected the state poll interval in milliseconds, from 200 to 60000',
      'log.level: expected one of debug, info, warn, error',
      'clusters.0.name: letters, digits',
      'clusters.0.nodes.0.mysql.port: expected a number from 1 to 65535',
      'clusters.0.nodes.0.control.method: expected method "systemd" (with unit) or "exec" (with start and stop)',
      'clusters.0.nodes.1.mysql.port: expected a number from 1 to 65535',
      'clusters.0.nodes.1.mysql.user: expected the monitoring user name',
    ]) {
      assert.ok(text.includes(field), `missing "${field}" in:\n${text}`);
    }
  });

  it('rejects unknown keys, naming them', async () => {
    const path = await write(
      'typo.yaml',
      `clusters:
  - name: c1
    nodes:
      - name: n1
        mysql: { host: h, prot: 3306, user: u, passwordFile: ${pw} }
polling: { stateInterval: 1000 }
`,
    );
    const result = await loadConfigFile(path);
    assert.ok(!result.ok, '!result.ok');
    assert.ok(result.errors.includes('clusters.0.nodes.0.mysql.prot: unknown key'), result.errors.join('\n'));
    assert.ok(result.errors.includes('polling.stateInterval: unknown key'), result.errors.join('\n'));
  });

  it('validates configFiles and warns (does not fail) when one cannot be read yet', async () => {
    const cnf = await write('node1.cnf', '[mysqld]\n');
    const node = (files: string) => `      - name: n1\n        mysql: { host: h, user: u, passwordFile: ${pw} }\n        configFiles: ${files}\n`;
    const bad = await loadConfigFile(await write('cnf-bad.yaml', `clusters:\n  - name: c1\n    nodes:\n${node('[etc/my.cnf, /a.cnf, /a.cnf]')}`));
    assert.ok(!bad.ok);
    assert.ok(bad.errors.includes('clusters.0.nodes.0.configFiles.0: expected an absolute file path'), bad.errors.join('\n'));
    assert.ok(bad.errors.includes('clusters.0.nodes.0.configFiles: a path is listed twice'), bad.errors.join('\n'));
    const good = await loadConfigFile(await write('cnf-good.yaml', `clusters:\n  - name: c1\n    nodes:\n${node(`[${cnf}, /nonexistent/quorum-test.cnf]`)}`));
    assert.ok(good.ok, JSON.stringify(good));
    assert.deepEqual(good.config.clusters[0]!.nodes[0]!.configFiles, [cnf, '/nonexistent/quorum-test.cnf']);
    assert.equal(good.config.polling.configIntervalMs, 5000);
    assert.deepEqual(good.warnings, [
      'clusters.0.nodes.0.configFiles.1: /nonexistent/quorum-test.cnf does not exist; the configuration guard cannot check it until it can be read',
    ]);
  });

  it('rejects duplicate cluster and node names', async () => {
    const node = (n: string) => `      - name: ${n}\n        mysql: { host: h, user: u, passwordFile: ${pw} }\n`;
    const path = await write(
      'dup.yaml',
      `clusters:\n  - name: c1\n    nodes:\n${node('n1')}${node('n1')}  - name: c1\n    nodes:\n${node('n1')}`,
    );
    const result = await loadConfigFile(path);
    assert.ok(!result.ok, '!result.ok');
    assert.ok(result.errors.some((e) => e.startsWith('clusters.1.name: duplicate cluster name "c1"')), result.errors.join('\n'));
    assert.ok(result.errors.some((e) => e.startsWith('clusters.0.nodes.1.name: duplicate node name "n1"')), result.errors.join('\n'));
  });

  it('requires host or socket, not both', async () => {
    const path = await write(
      'addr.yaml',
      `clusters:\n  - name: c1\n    nodes:\n      - name: a\n        mysql: { user: u, passwordFile: ${pw} }\n      - name: b\n        mysql: { host: h, socket: /s, user: u, passwordFile: ${pw} }\n`,
    );
    const result = await loadConfigFile(path);
    assert.ok(!result.ok, '!result.ok');
    assert.ok(result.errors.includes('clusters.0.nodes.0.mysql.host: expected host (and port) or socket'), result.errors.join('\n'));
    assert.ok(result.errors.includes('clusters.0.nodes.1.mysql.socket: give either socket or host/port, not both'), result.errors.join('\n'));
  });

  it('reports a missing password file by field and warns about a readable one', async () => {
    const open = await writePasswordFile(dir.path, 'x', 0o644);
    await chmod(open, 0o644);
    const path = await write(
      'pw.yaml',
      `clusters:\n  - name: c1\n    nodes:\n      - name: a\n        mysql: { host: h, user: u, passwordFile: ${dir.path}/missing }\n      - name: b\n        mysql: { host: h, user: u, passwordFile: ${open} }\n`,
    );
    const result = await loadConfigFile(path);
    assert.ok(!result.ok, '!result.ok');
    assert.deepEqual(result.errors, [`clusters.0.nodes.0.mysql.passwordFile: ${dir.path}/missing does not exist`]);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /clusters\.0\.nodes\.1\.mysql\.passwordFile: .* readable by group or others \(mode 644\)/);
  });

  it("does not warn about a password file readable only by the agent's own group (root:quorum-agent 0640)", async () => {
    const shared = await writePasswordFile(dir.path, 'x', 0o640);
    await chmod(shared, 0o640);
    const path = await write('pw-group.yaml', `clusters:\n  - name: c1\n    nodes:\n      - name: a\n        mysql: { host: h, user: u, passwordFile: ${shared} }\n`);
    const result = await loadConfigFile(path);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.warnings, []);
  });

  it('rejects a state poll interval under 200 ms and a sample interval shorter than it', async () => {
    const path = await write(
      'poll.yaml',
      `polling: { stateIntervalMs: 199, sampleIntervalMs: 1000 }\nclusters:\n  - name: c1\n    nodes:\n      - name: a\n        mysql: { host: h, user: u, passwordFile: ${pw} }\n`,
    );
    const result = await loadConfigFile(path);
    assert.ok(!result.ok, '!result.ok');
    assert.ok(result.errors.some((e) => e.startsWith('polling.stateIntervalMs:')), result.errors.join('\n'));
    const path2 = await write(
      'poll2.yaml',
      `polling: { stateIntervalMs: 5000, sampleIntervalMs: 2000 }\nclusters:\n  - name: c1\n    nodes:\n      - name: a\n        mysql: { host: h, user: u, passwordFile: ${pw} }\n`,
    );
    const r2 = await loadConfigFile(path2);
    assert.ok(!r2.ok, '!r2.ok');
    assert.deepEqual(r2.errors, ['polling.sampleIntervalMs: must not be shorter than stateIntervalMs']);
  });

  it('reports YAML syntax errors and a missing file clearly', async () => {
    const path = await write('syntax.yaml', 'clusters: [\n  name: x\n');
    const result = await loadConfigFile(path);
    assert.ok(!result.ok, '!result.ok');
    assert.match(result.errors[0]!, /syntax\.yaml: YAML syntax:/);
    const missing = await loadConfigFile(join(dir.path, 'nope.yaml'));
    assert.ok(!missing.ok, '!missing.ok');
    assert.match(missing.errors[0]!, /nope\.yaml: cannot read the configuration file \(no such file\)/);
  });

  it('rejects an inventory too large for one hello message', async () => {
    const clusters = Array.from({ length: 20 }, (_, c) => ({
      name: `cluster-${c}`,
      nodes: Array.from({ length: 64 }, (_, n) => ({
        name: `node-${n}`,
        mysql: { socket: `/run/${'very-long-directory-name/'.repeat(3)}node-${n}.sock`, user: 'u', passwordFile: pw },
      })),
    }));
    const result = await validateConfig({ clusters });
    assert.ok(!result.ok, 'expected an error');
    assert.match(result.errors.join('\n'), /^clusters: the inventory is \d+ bytes, too large for one hello message/m);
    const fits = await validateConfig({ clusters: clusters.slice(0, 2) });
    assert.ok(fits.ok, JSON.stringify(fits));
  });
});
