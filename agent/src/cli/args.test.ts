import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it('parses each command with its flags in both spellings', () => {
    assert.deepEqual(parseArgs(['enroll', '--url', 'https://q.example', '--token=abc', '--force']), {
      ok: true,
      command: 'enroll',
      flags: { url: 'https://q.example', token: 'abc', force: true },
    });
    assert.deepEqual(parseArgs(['run', '--config', '/x.yaml']), { ok: true, command: 'run', flags: { config: '/x.yaml' } });
    assert.deepEqual(parseArgs(['version']), { ok: true, command: 'version', flags: {} });
  });

  it('names what is wrong', () => {
    assert.deepEqual(parseArgs([]), { ok: false, error: 'no command given' });
    assert.deepEqual(parseArgs(['start']), { ok: false, error: 'unknown command "start"' });
    assert.deepEqual(parseArgs(['run', '--cofnig', 'x']), { ok: false, error: 'unknown flag --cofnig for "run"' });
    assert.deepEqual(parseArgs(['version', '--config', 'x']), { ok: false, error: 'unknown flag --config for "version"' });
    assert.deepEqual(parseArgs(['enroll', '--url', 'u']), { ok: false, error: 'enroll: missing --token' });
    assert.deepEqual(parseArgs(['enroll', '--url', '--token', 't']), { ok: false, error: '--url needs a value' });
    assert.deepEqual(parseArgs(['run', 'extra']), { ok: false, error: 'unexpected argument "extra"' });
    assert.deepEqual(parseArgs(['run', '--config', 'a', '--config', 'b']), { ok: false, error: '--config given twice' });
    assert.deepEqual(parseArgs(['enroll', '--force=yes']), { ok: false, error: '--force takes no value' });
  });
});
