import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { silentLogger } from '../log';
import { ActionRunner, type Definitions, type Outcome, type RunRequest } from './runner';
import { ActionError, type ActionDefinition, type ActionDeps, type ClusterTarget } from './types';

const cluster = (name: string): ClusterTarget => ({ name, config: { name, nodes: [] }, nodes: [], nodeIds: new Map() });

/** A runner whose actions are test doubles; records what it reports. */
function setup(defs: Partial<Record<string, Partial<ActionDefinition<never>>>>) {
  const finals = new Map<string, Outcome>();
  const steps: string[] = [];
  const waiters = new Map<string, () => void>();
  const definitions = Object.fromEntries(
    Object.entries(defs).map(([name, d]) => [name, { name, timeoutMs: 60_000, run: async () => ({}), ...d }]),
  ) as unknown as Definitions;
  const runner = new ActionRunner({
    definitions,
    deps: {} as Omit<ActionDeps, 'cancel'>,
    log: silentLogger,
    reporter: {
      running: (id, step) => void steps.push(`${id}:${step}`),
      final: async (id, outcome) => {
        finals.set(id, outcome);
        waiters.get(id)?.();
      },
    },
  });
  const done = (id: string) => (finals.has(id) ? Promise.resolve(finals.get(id)!) : new Promise<Outcome>((r) => waiters.set(id, () => r(finals.get(id)!))));
  const request = (commandId: string, action: string, kind: 'read' | 'write' = 'write', c = 'c1'): RunRequest =>
    ({ commandId, action, kind, params: {}, cluster: cluster(c), node: undefined }) as unknown as RunRequest;
  return { runner, finals, steps, done, request };
}

/** An action that runs until its signal aborts. */
const untilAborted = {
  run: (ctx: { signal: AbortSignal }) =>
    new Promise<never>((_, reject) => {
      ctx.signal.throwIfAborted();
      ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
    }),
};

describe('action runner', () => {
  it('runs one write action per cluster; reads and other clusters run alongside', async () => {
    const { runner, request } = setup({ 'stop-node': untilAborted });
    const first = request('a', 'stop-node');
    assert.deepEqual(runner.claim(first), { ok: true });
    runner.start(first);
    assert.deepEqual(runner.claim(request('b', 'start-node')), { ok: false, holder: { commandId: 'a', action: 'stop-node' } });
    assert.deepEqual(runner.claim(request('c', 'collect-diagnostics', 'read')), { ok: true });
    assert.deepEqual(runner.claim(request('d', 'start-node', 'write', 'c2')), { ok: true });
    runner.release('d');
    await runner.stop(1000);
    assert.deepEqual(runner.claim(request('e', 'start-node')), { ok: true }, 'the slot is free once the action ended');
  });

  it('cancel stops a running action at its next safe point: failed "cancelled"', async () => {
    const { runner, request, done } = setup({ 'start-node': untilAborted });
    runner.start(request('a', 'start-node'));
    await sleep(10);
    assert.deepEqual(runner.cancel('a', 'test'), { cancelled: true, action: 'start-node' });
    const outcome = await done('a');
    assert.equal(outcome.state, 'failed');
    assert.equal(outcome.state === 'failed' && outcome.error.code, 'cancelled');
    assert.deepEqual(runner.cancel('a', 'test'), { cancelled: false, why: 'not_running' });
  });

  it('owns the timeout: an action past its time ends as failed "timeout"', async () => {
    const { runner, request, done } = setup({ 'start-node': { ...untilAborted, timeoutMs: 50 } });
    runner.start(request('a', 'start-node'));
    const outcome = await done('a');
    assert.equal(outcome.state === 'failed' && outcome.error.code, 'timeout');
  });

  it('a guard refusal ends as rejected and the action never runs', async () => {
    let ran = false;
    const { runner, request, done, steps } = setup({
      'stop-node': { guard: async () => ({ code: 'last_synced_node', message: 'no' }), run: async () => ((ran = true), {}) },
    });
    runner.start(request('a', 'stop-node'));
    assert.deepEqual(await done('a'), { state: 'rejected', refusal: { code: 'last_synced_node', message: 'no' } });
    assert.equal(ran, false);
    assert.deepEqual(steps, []);
  });

  it('maps errors to codes and results to succeeded', async () => {
    const { runner, request, done } = setup({
      'kill-query': { run: async () => Promise.reject(new ActionError('no_such_process', 'gone')) },
      'collect-diagnostics': { run: async () => ({ fine: true }) },
      'set-global-variable': { run: async () => Promise.reject(new TypeError('bug')) },
    });
    runner.start(request('a', 'kill-query'));
    runner.start(request('b', 'collect-diagnostics', 'read'));
    runner.start(request('c', 'set-global-variable', 'write', 'c2'));
    assert.deepEqual(await done('a'), { state: 'failed', error: { code: 'no_such_process', message: 'gone' } });
    assert.deepEqual(await done('b'), { state: 'succeeded', result: { fine: true } });
    assert.deepEqual(await done('c'), { state: 'failed', error: { code: 'internal', message: 'bug' } });
  });
});
