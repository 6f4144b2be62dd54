import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from './error-handler';

test('logged errors keep name, code and cause but not query parameters', () => {
  const cause = Object.assign(new Error("Duplicate entry 'x'"), { code: 'ER_DUP_ENTRY' });
  const err = new Error('Failed query: insert into `users` values (?, ?)\nparams: usr_1,ann@example.com', { cause });
  const described = describeError(err);
  assert.equal(described.message, 'Failed query: insert into `users` values (?, ?)\nparams: [redacted]');
  assert.doesNotMatch(String(described.stack), /ann@example\.com/);
  assert.deepEqual((described.cause as { code: string }).code, 'ER_DUP_ENTRY');
  assert.deepEqual(describeError('a string'), { value: 'string' });
});
