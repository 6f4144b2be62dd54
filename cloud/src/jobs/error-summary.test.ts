import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorSummary } from './error-summary';

test('a failed query is summarized: bounded message, no parameters, the driver cause kept', () => {
  const driver = Object.assign(new Error("Duplicate entry 'x' for key 'PRIMARY'"), { code: 'ER_DUP_ENTRY', errno: 1062 });
  const wrapped = new Error(`Failed query: insert into metric_samples values ${'(1,2,3),'.repeat(10_000)}\nparams: secret-ish,values`, { cause: driver });
  const s = errorSummary(wrapped);
  assert.ok(String(s.message).length < 400);
  assert.ok(!JSON.stringify(s).includes('secret-ish'));
  assert.deepEqual(s.cause, { name: 'Error', message: "Duplicate entry 'x' for key 'PRIMARY'", code: 'ER_DUP_ENTRY', errno: 1062 });
  assert.deepEqual(errorSummary('plain'), { value: 'plain' });
});
