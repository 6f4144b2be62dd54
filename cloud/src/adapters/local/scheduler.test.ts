import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../ports/logger';
import { startScheduler } from './scheduler';

test('a task never overlaps itself, survives its failures, and stop waits for the run in progress', async () => {
  let running = 0;
  let overlapped = false;
  let runs = 0;
  let finished = 0;
  const scheduler = startScheduler(
    [
      {
        name: 'slow',
        everyMs: 5,
        run: async () => {
          running += 1;
          overlapped ||= running > 1;
          runs += 1;
          await new Promise((r) => setTimeout(r, 25)); // longer than the interval
          running -= 1;
          finished += 1;
          if (runs % 2 === 0) throw new Error('every other run fails');
        },
      },
    ],
    silentLogger,
  );
  await new Promise((r) => setTimeout(r, 150));
  await scheduler.stop();
  assert.equal(overlapped, false);
  assert.ok(runs >= 3, `ran ${runs} times`);
  assert.equal(finished, runs, 'stop waited for the last run');
  const after = runs;
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(runs, after, 'nothing runs after stop');
});
