import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password';

test('hashes carry their scrypt parameters and a per-user salt', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.notEqual(a, b, 'different salts');
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
});

test('verifies with the parameters stored in the hash (so they can be raised later)', async () => {
  const salt = Buffer.from('saltsaltsaltsalt');
  const key = scryptSync('older password', salt, 32, { N: 1024, r: 8, p: 1 });
  const older = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
  assert.equal(await verifyPassword('older password', older), true);
  assert.equal(await verifyPassword('other password', older), false);
});

test('a malformed or absurd stored hash verifies nothing (and never throws)', async () => {
  for (const stored of ['', 'bcrypt$x', 'scrypt$a$b$c$d$e', 'scrypt$1099511627776$8$1$AA==$AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt$1024$8$1$AA==$AA==']) {
    assert.equal(await verifyPassword('pw', stored), false, stored);
  }
});
