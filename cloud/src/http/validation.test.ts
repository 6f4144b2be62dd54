import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { fieldProblems } from './validation';

const schema = z.object({ name: z.string().trim().min(1), nested: z.object({ n: z.number() }).optional() }).strict();
const problems = (input: unknown) => fieldProblems(schema.safeParse(input).error?.issues ?? [], '(body)');

test('one problem per field, named by dotted path', () => {
  assert.deepEqual(problems({ name: [], nested: { n: 'x' } }), [
    { path: 'name', message: 'Invalid input: expected string, received array' },
    { path: 'nested.n', message: 'Invalid input: expected number, received string' },
  ]);
});

test('missing is "required"; unknown keys are named', () => {
  assert.deepEqual(problems({ extra: 1, other: 2 }), [
    { path: 'name', message: 'required' },
    { path: 'extra', message: 'unknown field' },
    { path: 'other', message: 'unknown field' },
  ]);
});

test('a non-object body is reported against the root', () => {
  assert.deepEqual(problems([]), [{ path: '(body)', message: 'Invalid input: expected object, received array' }]);
});
