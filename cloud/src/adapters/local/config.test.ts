import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentWebsocketUrlFor, ConfigError, parseLocalConfig } from './config';

function problems(env: Record<string, string>): string[] {
  try {
    parseLocalConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
  return assert.fail('expected a ConfigError');
}

test('defaults: port 8080 on 127.0.0.1, private database under <repo>/.quorum, info logs', () => {
  const c = parseLocalConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, undefined);
  assert.match(c.dataDir, /\/\.quorum$/);
  assert.equal(c.publicUrl, undefined);
  assert.equal(c.logLevel, 'info');
  assert.equal(c.agentOfflineAfterMs, 90_000);
});

test('values are read and normalised', () => {
  const c = parseLocalConfig({
    PORT: '9000',
    HOST: '0.0.0.0',
    DATABASE_URL: 'mysql://quorum:secret@db.internal:3307/quorum',
    QUORUM_DATA_DIR: '/var/lib/quorum',
    QUORUM_PUBLIC_URL: 'https://quorum.example.com/',
    LOG_LEVEL: 'DEBUG',
  });
  assert.deepEqual(
    [c.port, c.host, c.databaseUrl, c.dataDir, c.publicUrl, c.logLevel],
    [9000, '0.0.0.0', 'mysql://quorum:secret@db.internal:3307/quorum', '/var/lib/quorum', 'https://quorum.example.com', 'debug'],
  );
  assert.equal(agentWebsocketUrlFor(c.publicUrl as string), 'wss://quorum.example.com/api/v1/agents/connect');
  assert.equal(agentWebsocketUrlFor('http://localhost:8080'), 'ws://localhost:8080/api/v1/agents/connect');
});

test('a bad PORT is named with what was expected and what was given', () => {
  const [p] = problems({ PORT: 'eighty' });
  assert.match(p ?? '', /^PORT: expected a port number 0–65535 \(got "eighty"\)$/);
  assert.match(problems({ PORT: '70000' })[0] ?? '', /^PORT: /);
});

test('a bad DATABASE_URL is named, without echoing it (it may hold a password)', () => {
  const [p] = problems({ DATABASE_URL: 'postgres://u:hunter2@h/db' });
  assert.match(p ?? '', /^DATABASE_URL: must start with mysql:\/\//);
  assert.ok(!p?.includes('hunter2'));
  assert.match(problems({ DATABASE_URL: 'mysql://root@localhost' })[0] ?? '', /^DATABASE_URL: names no database/);
  assert.match(problems({ DATABASE_URL: 'not a url' })[0] ?? '', /^DATABASE_URL: is not a URL/);
});

test('every bad variable is reported at once', () => {
  const all = problems({ PORT: '-1', LOG_LEVEL: 'loud', QUORUM_PUBLIC_URL: 'ftp://x', DATABASE_URL: 'x' });
  assert.deepEqual(all.map((p) => p.split(':')[0]).sort(), ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'QUORUM_PUBLIC_URL']);
  assert.match(new ConfigError(all).message, /^Invalid environment:\n {2}/);
});

test('SMTP settings: a valid URL and From are kept; a bad URL is named without echoing the password', () => {
  const c = parseLocalConfig({ SMTP_URL: 'smtp://alerts:s3cret@mail.example.com:587', QUORUM_MAIL_FROM: 'Quorum <alerts@example.com>' });
  assert.equal(c.smtpUrl, 'smtp://alerts:s3cret@mail.example.com:587');
  assert.equal(c.mailFrom, 'Quorum <alerts@example.com>');
  assert.equal(parseLocalConfig({}).smtpUrl, undefined);
  const bad = problems({ SMTP_URL: 'http://alerts:s3cret@mail.example.com', QUORUM_MAIL_FROM: 'not an address' });
  assert.ok(bad.some((p) => p.startsWith('SMTP_URL: expected smtp:// or smtps://')), bad.join('\n'));
  assert.ok(bad.some((p) => p.startsWith('QUORUM_MAIL_FROM: expected an address')), bad.join('\n'));
  assert.ok(!bad.join('\n').includes('s3cret'), 'the password is never echoed');
});

test('retention settings: defaults in days, overridable, a bad one named', () => {
  const day = 24 * 60 * 60 * 1000;
  const defaults = parseLocalConfig({});
  assert.deepEqual([defaults.metricRetentionMs, defaults.historyRetentionMs, defaults.auditRetentionMs], [30 * day, 180 * day, 400 * day]);
  const set = parseLocalConfig({ QUORUM_HISTORY_RETENTION_DAYS: '90', QUORUM_AUDIT_RETENTION_DAYS: '730' });
  assert.deepEqual([set.historyRetentionMs, set.auditRetentionMs], [90 * day, 730 * day]);
  assert.match(problems({ QUORUM_HISTORY_RETENTION_DAYS: 'forever' })[0] ?? '', /^QUORUM_HISTORY_RETENTION_DAYS: expected a whole number of days, e\.g\. 180 \(got "forever"\)$/);
  assert.match(problems({ QUORUM_AUDIT_RETENTION_DAYS: '0' })[0] ?? '', /^QUORUM_AUDIT_RETENTION_DAYS: expected at least 1 day/);
});
