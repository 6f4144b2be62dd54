import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { DeferredWork } from '../../src/adapters/aws/deferred-work';
import { sesMailer } from '../../src/adapters/aws/ses-mailer';
import { smtpPasswordFor } from '../../src/adapters/aws/ses-smtp';
import { MailError } from '../../src/ports/mailer';
import { startSmtpSink } from '../support/receivers';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:quorum/smtp-AbCdEf';

/** Secrets Manager at the port's edge (AWS itself cannot run here): counts reads, can fail. */
function fakeSecrets(opts: { failures?: number } = {}) {
  let failures = opts.failures ?? 0;
  const reads: string[] = [];
  return {
    reads,
    async send(command: GetSecretValueCommand) {
      reads.push(String(command.input.SecretId));
      if (failures-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return { SecretString: JSON.stringify({ username: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY }) };
    },
  } as { reads: string[]; send: (command: GetSecretValueCommand) => Promise<{ SecretString?: string }> };
}

test('email on AWS authenticates to SES SMTP with the password derived from the secret, read once, on the first send', async () => {
  // The sink plays SES's SMTP endpoint: it accepts only the derived credentials.
  const sink = await startSmtpSink({ auth: { user: ACCESS_KEY_ID, pass: smtpPasswordFor(SECRET_KEY, 'eu-west-1') } });
  try {
    const port = Number(new URL(sink.url).port);
    const secrets = fakeSecrets();
    const mailer = sesMailer({ smtp: { host: '127.0.0.1', port, from: 'Quorum <alerts@quorum.example>', credentialsSecretArn: SECRET_ARN }, region: 'eu-west-1', secrets: secrets as never });
    assert.equal(secrets.reads.length, 0, 'nothing is read before a send');
    for (const n of [1, 2]) {
      const arrived = sink.next();
      await mailer.send({ to: ['oncall@example.com'], subject: `test ${n}`, text: 'hi', html: '<p>hi</p>', messageId: `<dlv_${n}@quorum>` });
      assert.equal((await arrived).subject, `test ${n}`);
    }
    assert.deepEqual(secrets.reads, [SECRET_ARN], 'the secret is read once per container');
  } finally {
    await sink.close();
  }
});

test('a secret that cannot be read is a transient mail error, and the next send tries again', async () => {
  const sink = await startSmtpSink({ auth: { user: ACCESS_KEY_ID, pass: smtpPasswordFor(SECRET_KEY, 'eu-west-1') } });
  try {
    const secrets = fakeSecrets({ failures: 1 });
    const mailer = sesMailer({ smtp: { host: '127.0.0.1', port: Number(new URL(sink.url).port), from: 'q@quorum.example', credentialsSecretArn: SECRET_ARN }, region: 'eu-west-1', secrets: secrets as never });
    const message = { to: ['oncall@example.com'], subject: 'retry', text: 'hi', html: 'hi', messageId: '<dlv_r@quorum>' };
    await assert.rejects(mailer.send(message), (e: unknown) => e instanceof MailError && e.transient && /SMTP credentials/.test(e.message));
    await mailer.send(message);
    assert.equal(sink.accepted().length, 1);
    assert.equal(secrets.reads.length, 2);
  } finally {
    await sink.close();
  }
});

test('without SMTP settings email is refused, saying so, and nothing is read', async () => {
  const secrets = fakeSecrets();
  const mailer = sesMailer({ smtp: undefined, region: 'eu-west-1', secrets: secrets as never });
  await assert.rejects(mailer.send({ to: ['a@example.com'], subject: 's', text: 't', html: 'h', messageId: '<x@q>' }), MailError);
  assert.equal(secrets.reads.length, 0);
});

test('a Lambda handler returns only after the work it deferred has finished', async () => {
  const deferred = new DeferredWork();
  const finished: string[] = [];
  const handler = deferred.settlesDeferred(async (name: string) => {
    deferred.defer(new Promise((r) => setTimeout(r, 30)).then(() => finished.push(`${name}: handed to the queue`)));
    deferred.defer(Promise.reject(new Error('queue refused')).finally(() => finished.push(`${name}: refused`)));
    return 'ok';
  });
  assert.equal(await handler('first'), 'ok');
  assert.deepEqual(finished.sort(), ['first: handed to the queue', 'first: refused'], 'both settled before the handler returned');
  await assert.rejects(deferred.settlesDeferred(async () => {
    deferred.defer(new Promise((r) => setTimeout(r, 10)).then(() => finished.push('after a throw')));
    throw new Error('handler failed');
  })(), /handler failed/);
  assert.ok(finished.includes('after a throw'), 'settled even when the handler throws');
});
