import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../test/helpers/fixtures';
import { createNodeControl, GALERA_NEW_CLUSTER, startOptions, substituteMariadbdArgs, systemdStartPlan } from './node-control';
import { CommandFailedError, runArgv } from './run-argv';

const POS = { uuid: '82e53bb8-e9db-11f1-a4b8-1700583c31d3', seqno: 54 };
const never = () => new AbortController().signal;

describe('node control', () => {
  it('replaces {mariadbdArgs} by zero or more options', () => {
    const start = ['/lab/cli', 'start', 'node1', '--', '{mariadbdArgs}'];
    assert.deepEqual(substituteMariadbdArgs(start, []), ['/lab/cli', 'start', 'node1', '--']);
    assert.deepEqual(substituteMariadbdArgs(start, startOptions({ newCluster: true, startPosition: POS })), [
      '/lab/cli', 'start', 'node1', '--', '--wsrep-new-cluster', `--wsrep-start-position=${POS.uuid}:54`,
    ]);
  });

  it('plans systemd starts the way Debian does: galera_new_cluster, or environment set and unset around the start', () => {
    assert.deepEqual(systemdStartPlan('mariadb', {}, true), { steps: [['systemctl', 'start', 'mariadb']], cleanup: [] });
    const boot = systemdStartPlan('mariadb', { newCluster: true, startPosition: POS }, true);
    assert.deepEqual(boot.steps, [
      ['systemctl', 'set-environment', `_WSREP_START_POSITION=--wsrep-start-position=${POS.uuid}:54`],
      [GALERA_NEW_CLUSTER, 'mariadb'],
    ]);
    assert.deepEqual(boot.cleanup, [['systemctl', 'unset-environment', '_WSREP_START_POSITION']]);
    const noScript = systemdStartPlan('mariadb', { newCluster: true }, false);
    assert.deepEqual(noScript.steps, [['systemctl', 'set-environment', '_WSREP_NEW_CLUSTER=--wsrep-new-cluster'], ['systemctl', 'start', 'mariadb']]);
    assert.deepEqual(noScript.cleanup, [['systemctl', 'unset-environment', '_WSREP_NEW_CLUSTER']]);
  });

  it('runs exec control argv without a shell and parses the recovered position', async () => {
    const { path, remove } = await tempDir();
    try {
      const log = join(path, 'calls');
      const control = createNodeControl({
        method: 'exec',
        start: ['/bin/sh', '-c', `echo "start $*" >> ${log}`, 'sh', '{mariadbdArgs}'],
        stop: ['/bin/sh', '-c', `echo stop >> ${log}`],
        recover: ['/bin/echo', `WSREP: Recovered position: ${POS.uuid}:54`],
      });
      await control.start({ signal: never(), startPosition: POS });
      await control.start({ signal: never() });
      await control.stop(never());
      assert.equal(await readFile(log, 'utf8'), `start --wsrep-start-position=${POS.uuid}:54\nstart \nstop\n`);
      assert.deepEqual((await control.recover(never())).position, POS);
      const noArgs = createNodeControl({ method: 'exec', start: ['/bin/true'], stop: ['/bin/true'] });
      await assert.rejects(noArgs.start({ signal: never(), newCluster: true }), /has no \{mariadbdArgs\} element/);
    } finally {
      await remove();
    }
  });
});

describe('runArgv', () => {
  it('keeps the tail of the output and reports a non-zero exit with its last lines', async () => {
    const err = await runArgv(['/bin/sh', '-c', 'seq 1 100000; echo boom >&2; exit 3'], { signal: never(), maxOutputBytes: 1000 }).catch((e: unknown) => e);
    assert.ok(err instanceof CommandFailedError);
    assert.match(err.message, /exited with 3: .*boom/);
    assert.ok(err.result!.output.length < 1200);
    assert.match(err.result!.output, /^\[… \d+ bytes of earlier output dropped …\]/);
  });

  it('kills the whole process group on abort, quickly', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runArgv(['/bin/sh', '-c', 'sleep 30 & sleep 30; wait'], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by test')), 200);
    await assert.rejects(run, /stopped: cancelled by test/);
    assert.ok(Date.now() - started < 5000);
  });

  it('reports a program that does not exist', async () => {
    await assert.rejects(runArgv(['/nonexistent/program'], { signal: never() }), /could not run/);
  });
});
