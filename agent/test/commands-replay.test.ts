import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { SignedCommand } from '@quorum/protocol';
import { saveIdentity } from '../src/trust/identity-store';
import { FakeCloud } from './helpers/fake-cloud';
import { finalUpdate, inventoryFor, run, TestSigner, updateWhere } from './helpers/commands';
import { makeIdentity, tempDir, writePasswordFile } from './helpers/fixtures';

/**
 * Exactly-once execution across a crash: the real agent (the bin launcher, as systemd runs it)
 * executes signed commands whose exec control appends a line to a file — so executions are
 * counted — is killed with SIGKILL right after it reports, restarts, and gets the same envelopes
 * again. Nothing runs twice; the recorded outcomes are reported again. A command cut short by the
 * kill is reported `interrupted` after the restart and never re-run either.
 */
const BIN = fileURLToPath(new URL('../bin/quorum-agent', import.meta.url));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('replay protection across kill -9 (real agent process)', { timeout: 180_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };
  let cloud: FakeCloud;
  let configPath: string;
  let countFile: string;
  let slowPidFile: string;
  let child: ChildProcess | undefined;
  const signer = new TestSigner('k1');

  before(async () => {
    dir = await tempDir();
    countFile = join(dir.path, 'executions');
    slowPidFile = join(dir.path, 'slow.pid');
    const stateDir = join(dir.path, 'state');
    const pw = await writePasswordFile(dir.path, 'unused');
    const port = await closedPort(); // the nodes are down: stop-node finds them stopped at once
    const { identity, publicKey } = makeIdentity('ws://placeholder/agent');
    identity.signingKeys = [signer.publicKey];
    cloud = await FakeCloud.start({
      agents: { [identity.agentId]: publicKey },
      inventory: [...inventoryFor(1), ...inventoryFor(1, 'c2', 'clu_2')],
    });
    identity.websocketUrl = cloud.websocketUrl;
    await saveIdentity(stateDir, identity, { force: true });
    configPath = join(dir.path, 'agent.yaml');
    const node = (stop: string) => `      - name: node1
        mysql: { host: 127.0.0.1, port: ${port}, user: u, passwordFile: ${pw} }
        control: { method: exec, start: [/bin/true, "{mariadbdArgs}"], stop: ${stop} }`;
    await writeFile(
      configPath,
      `stateDir: ${stateDir}
polling: { stateIntervalMs: 1000, sampleIntervalMs: 5000, timeoutMs: 500 }
commands: { readOnly: false, allow: [stop-node, collect-diagnostics] }
clusters:
  - name: c1
    nodes:
${node(`[/bin/sh, -c, "echo run >> ${countFile}"]`)}
  - name: c2
    nodes:
${node(`[/bin/sh, -c, "echo $$ > ${slowPidFile}; exec sleep 60"]`)}
`,
    );
  });

  after(async () => {
    child?.kill('SIGKILL');
    await killSlowCommand();
    await cloud?.stop();
    await dir?.remove();
  });

  /** The orphan `sleep` a SIGKILLed agent leaves behind (its own process group): ours, by pid. */
  async function killSlowCommand(): Promise<void> {
    const pid = Number(await readFile(slowPidFile, 'utf8').catch(() => ''));
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  async function startAgent(): Promise<void> {
    const hellos = cloud.hellos.length;
    child = spawn(BIN, ['run', '--config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.resume();
    await cloud.waitFor('the agent to connect', () => cloud.hellos.length > hellos && cloud.sockets.size > 0, 30_000);
    await new Promise((r) => setTimeout(r, 100)); // the welcome is on its way
  }

  async function killAgent(): Promise<void> {
    const c = child!;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
    await cloud.waitFor('the socket to close', () => cloud.sockets.size === 0, 10_000);
  }

  const executions = async () => (await readFile(countFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
  const stop = (clusterId = 'clu_1') => signer.sign('stop-node', { clusterId, nodeId: 'nod_1', params: {} });

  it('executes each envelope once, even when re-sent after a kill -9 right after the report', async () => {
    await startAgent();
    const sent: SignedCommand[] = [stop(), stop(), signer.sign('collect-diagnostics', { clusterId: 'clu_1' }), stop()];
    const outcomes = [];
    for (const command of sent) outcomes.push(await run(cloud, command, 30_000));
    await killAgent(); // at once: the last outcome was reported moments ago
    assert.deepEqual(outcomes.map((o) => o.state), ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    assert.equal(await executions(), 3);

    await startAgent();
    for (const command of sent) cloud.send(command);
    for (const [i, command] of sent.entries()) {
      await cloud.waitFor(`the outcome of command ${i} again`, () => cloud.updatesOf(command.envelope.id).filter((u) => u.state === 'succeeded').length >= 2, 20_000);
      const finals = cloud.updatesOf(command.envelope.id).filter((u) => u.state === 'succeeded');
      assert.deepEqual(finals[1], outcomes[i], 'the recorded outcome, unchanged');
      assert.equal(cloud.updatesOf(command.envelope.id).filter((u) => u.state === 'accepted').length, 1);
    }
    assert.equal(await executions(), 3, 'nothing ran again');
  });

  it('reports a command cut short by kill -9 as interrupted after the restart, and never re-runs it', async () => {
    const slow = stop('clu_2');
    cloud.send(slow);
    await updateWhere(cloud, slow.envelope.id, (u) => u.progress?.step === 'stop', 20_000);
    await killAgent();
    await killSlowCommand();
    await startAgent();
    const interrupted = await finalUpdate(cloud, slow.envelope.id, 20_000);
    assert.equal(interrupted.state, 'failed');
    assert.equal(interrupted.error!.code, 'interrupted');
    await writeFile(slowPidFile, '');
    cloud.send(slow);
    await cloud.waitFor('the interrupted outcome again', () => cloud.updatesOf(slow.envelope.id).filter((u) => u.state === 'failed').length >= 2, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await readFile(slowPidFile, 'utf8'), '', 'the slow stop command did not run again');
    const again = await run(cloud, stop(), 30_000);
    assert.equal(again.state, 'succeeded', 'a new command still runs');
    assert.equal(await executions(), 4);
    await killAgent();
  });
});
