import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_TOKEN_PATTERN, generateSecret, hashSecret, sameHash } from './tokens';

test('secrets are prefixed, 256-bit, and never repeat', () => {
  const api = generateSecret('apiToken');
  assert.match(api, API_TOKEN_PATTERN);
  assert.match(generateSecret('enrollment'), /^qre_[A-Za-z0-9_-]{43}$/);
  assert.match(generateSecret('session'), /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(generateSecret('apiToken'), api);
});

test('stored form is hex SHA-256', () => {
  assert.equal(hashSecret('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sameHash(hashSecret('a'), hashSecret('a')), true);
  assert.equal(sameHash(hashSecret('a'), hashSecret('b')), false);
  assert.equal(sameHash(hashSecret('a'), 'ab'), false);
});
