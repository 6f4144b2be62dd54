import assert from 'node:assert/strict';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../../test/helpers/fixtures';
import { optionFilesFingerprint, parseOption, readOptionFiles } from './option-files';

describe('option files', () => {
  let dir: { path: string; remove: () => Promise<void> };
  before(async () => {
    dir = await tempDir();
  });
  after(() => dir.remove());

  const write = async (name: string, text: string) => {
    const path = join(dir.path, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
    return path;
  };

  it('keeps only the allow-listed settings of the server sections, later values winning, never a secret', async () => {
    const main = await write(
      'my.cnf',
      `# Debian-style
[client]
wsrep_cluster_address = gcomm://client-section-is-not-read
password = client-secret

[mysqld]
wsrep_on = ON
wsrep-cluster-address = gcomm://10.0.0.11,10.0.0.12,10.0.0.13   # peers
wsrep_sst_auth = "sst:super-secret"
innodb_flush_log_at_trx_commit = 1
ssl_key = /etc/mysql/server-key.pem

!includedir conf.d
[sst]
wsrep_cluster_address = gcomm://sst-section
`,
    );
    await write('conf.d/50-galera.cnf', `[galera]\nwsrep_provider_options = "gmcast.listen_addr=tcp://0.0.0.0:4567;pc.ignore_sb=true;socket.ssl_key=/k.pem"\nloose-innodb-flush-log-at-trx-commit = 2\n`);
    await write('conf.d/60-puppet.cnf', `[mariadb-10.11]\nwsrep_cluster_address='gcomm://'\n!include ../extra.cnf\n`);
    await write('conf.d/README', `[mysqld]\nwsrep_cluster_address = gcomm://not-a-cnf-file\n`);
    await write('extra.cnf', `[server]\nwsrep_new_cluster\n!include my.cnf\n`); // a cycle, read once

    const read = await readOptionFiles([main]);
    assert.deepEqual(read.settings, {
      wsrep_on: 'ON',
      wsrep_cluster_address: 'gcomm://',
      innodb_flush_log_at_trx_commit: '2',
      wsrep_new_cluster: '',
      providerOptions: { 'pc.ignore_sb': 'true' },
    });
    assert.deepEqual(
      read.files.map((f) => f.path.slice(dir.path.length + 1)),
      ['my.cnf', 'conf.d/50-galera.cnf', 'conf.d/60-puppet.cnf', 'extra.cnf'],
    );
    assert.ok(read.files.every((f) => f.readable && typeof f.mtimeMs === 'number'));
    assert.deepEqual(read.dirs, [join(dir.path, 'conf.d')]);
    const text = JSON.stringify(read);
    for (const secret of ['super-secret', 'client-secret', 'server-key.pem', '/k.pem', 'listen_addr']) assert.ok(!text.includes(secret), `${secret} leaked`);
  });

  it('reports a missing or unreadable file instead of failing', async () => {
    const read = await readOptionFiles([join(dir.path, 'nope.cnf')]);
    assert.deepEqual(read.settings, {});
    assert.deepEqual(read.files, [{ path: join(dir.path, 'nope.cnf'), readable: false, error: 'no such file or directory' }]);
  });

  it('parses option lines as the server does', () => {
    assert.deepEqual(parseOption('wsrep-cluster-address=gcomm://a,b'), { key: 'wsrep_cluster_address', value: 'gcomm://a,b' });
    assert.deepEqual(parseOption('Loose-WSREP_ON = OFF ; comment'), { key: 'wsrep_on', value: 'OFF' });
    assert.deepEqual(parseOption("wsrep_cluster_address = 'gcomm://' # puppet"), { key: 'wsrep_cluster_address', value: 'gcomm://' });
    assert.deepEqual(parseOption('skip-name-resolve'), { key: 'skip_name_resolve', value: '' });
    assert.equal(parseOption('= nothing'), undefined);
  });

  it('the fingerprint changes with a file’s content or mtime, and with a new file in an included directory', async () => {
    const main = await write('fp/my.cnf', '[mysqld]\n!includedir conf.d\n');
    await write('fp/conf.d/a.cnf', '[mysqld]\nwsrep_on=ON\n');
    const read = await readOptionFiles([main]);
    const first = await optionFilesFingerprint(read, [main]);
    assert.equal(await optionFilesFingerprint(read, [main]), first);
    await utimes(join(dir.path, 'fp/conf.d/a.cnf'), new Date(), new Date(Date.now() + 5000));
    const touched = await optionFilesFingerprint(read, [main]);
    assert.notEqual(touched, first);
    await write('fp/conf.d/b.cnf', '[mysqld]\nwsrep_cluster_address=gcomm://\n');
    await utimes(join(dir.path, 'fp/conf.d'), new Date(), new Date(Date.now() + 10_000));
    assert.notEqual(await optionFilesFingerprint(read, [main]), touched);
  });
});
