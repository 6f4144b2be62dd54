import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smtpCredentialsFrom, smtpPasswordFor } from '../../src/adapters/aws/ses-smtp';

// Reference value computed with the Python script of AWS's "Obtaining Amazon SES SMTP
// credentials" page for AWS's documentation example key.
const EXAMPLE_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test("SES's SMTP password is derived from the access key by AWS's algorithm", () => {
  assert.equal(smtpPasswordFor(EXAMPLE_KEY, 'eu-west-1'), 'BMW5RDrXmmVs0lV7GpI4oLkHXpZ4stDsk6q91z1g38Pk');
  assert.notEqual(smtpPasswordFor(EXAMPLE_KEY, 'us-east-1'), smtpPasswordFor(EXAMPLE_KEY, 'eu-west-1'), 'the password is per region');
});

test('the secret the email stack writes becomes SMTP credentials; a bad one is named without its value', () => {
  const creds = smtpCredentialsFrom(JSON.stringify({ username: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: EXAMPLE_KEY }), 'eu-west-1');
  assert.deepEqual(creds, { user: 'AKIAIOSFODNN7EXAMPLE', pass: 'BMW5RDrXmmVs0lV7GpI4oLkHXpZ4stDsk6q91z1g38Pk' });
  assert.throws(() => smtpCredentialsFrom('not json', 'eu-west-1'), (e: Error) => /not JSON/.test(e.message) && !e.message.includes('not json'));
  assert.throws(() => smtpCredentialsFrom('{"username":"AKIA"}', 'eu-west-1'), /lacks "username" or "secretAccessKey"/);
});
