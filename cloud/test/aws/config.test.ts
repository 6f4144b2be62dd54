import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsConfigError, parseAwsConfig } from '../../src/adapters/aws/config';

const BASE = {
  QUORUM_PUBLIC_URL: 'https://quorum.example.com/',
  QUORUM_AGENT_WEBSOCKET_URL: 'wss://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
  WEBSOCKET_MANAGEMENT_ENDPOINT: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
  KMS_SIGNING_KEY_IDS: 'alias/quorum-next, alias/quorum-current',
  QUORUM_SECRETS_KMS_KEY_ID: 'alias/quorum-channel-secrets',
  DATABASE_HOST: 'quorum.proxy-abc.eu-west-1.rds.amazonaws.com',
  DATABASE_NAME: 'quorum',
  DATABASE_USER: 'quorum_admin',
  AWS_REGION: 'eu-west-1',
  QUEUE_URL_INGEST: 'https://sqs.eu-west-1.amazonaws.com/123456789012/quorum-ingest',
  QUEUE_URL_NOTIFY: 'https://sqs.eu-west-1.amazonaws.com/123456789012/quorum-notify',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseAwsConfig(env);
  } catch (e) {
    assert.ok(e instanceof AwsConfigError);
    return e.problems;
  }
  return assert.fail('expected an AwsConfigError');
}

test('the CDK-set environment: IAM database auth through RDS Proxy, every QUEUE_URL_*, keys in order', () => {
  const c = parseAwsConfig(BASE);
  assert.deepEqual(c.database, { kind: 'iam', host: BASE.DATABASE_HOST, port: 3306, database: 'quorum', user: 'quorum_admin', region: 'eu-west-1', connectionLimit: 2 });
  assert.deepEqual(c.queueUrls, { ingest: BASE.QUEUE_URL_INGEST, notify: BASE.QUEUE_URL_NOTIFY });
  assert.deepEqual(c.signingKeyIds, ['alias/quorum-next', 'alias/quorum-current']);
  assert.equal(c.secretsKeyId, 'alias/quorum-channel-secrets');
  assert.equal(c.app.publicUrl, 'https://quorum.example.com');
  assert.equal(c.app.secureCookies, true);
  assert.equal(c.smtp, undefined);
  assert.equal(c.inboxLeaseMs, 300_000);
});

test('every missing or bad variable is named at once, and secrets are never echoed', () => {
  const all = problems({ DATABASE_URL: 'postgres://u:hunter2@h/db', QUEUE_URL_INGEST: 'sqs:nope', LOG_LEVEL: 'loud', SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com' });
  const names = all.map((p) => p.split(':')[0]).sort();
  assert.deepEqual(names, ['DATABASE_URL', 'KMS_SIGNING_KEY_IDS', 'LOG_LEVEL', 'QUEUE_URL_INGEST', 'QUORUM_AGENT_WEBSOCKET_URL', 'QUORUM_PUBLIC_URL', 'QUORUM_SECRETS_KMS_KEY_ID', 'WEBSOCKET_MANAGEMENT_ENDPOINT']);
  assert.ok(!all.join('\n').includes('hunter2'));
  assert.match(all.find((p) => p.startsWith('KMS_SIGNING_KEY_IDS')) ?? '', /is required/);
});

test('without DATABASE_URL the proxy settings are required; SMTP settings come all together', () => {
  const { DATABASE_HOST: _h, ...noHost } = BASE;
  assert.deepEqual(problems(noHost), ['DATABASE_HOST: is required (RDS Proxy with IAM auth), unless DATABASE_URL is set']);
  assert.deepEqual(problems({ ...BASE, SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com' }), [
    'SMTP_FROM: is required when any SMTP_ variable is set',
    'SMTP_CREDENTIALS_SECRET_ARN: is required when any SMTP_ variable is set',
  ]);
  const smtp = parseAwsConfig({
    ...BASE,
    SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com',
    SMTP_FROM: 'alerts@quorum.example.com',
    SMTP_CREDENTIALS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:quorum-smtp-AbCdEf',
  }).smtp;
  assert.equal(smtp?.port, 587);
});
