import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { cloudFrontEdge, ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from '../../src/adapters/aws/origin-secret';
import { recordingLogger } from '../api/support';

/** A Secrets Manager client answering GetSecretValue from a variable (or failing). */
function fakeSecrets(initial: string) {
  const state = { value: initial as string | Error, calls: 0 };
  const client = {
    async send(command: unknown) {
      assert.ok(command instanceof GetSecretValueCommand);
      assert.equal(command.input.SecretId, 'arn:aws:secretsmanager:eu-west-1:1:secret:quorum/origin');
      state.calls += 1;
      if (state.value instanceof Error) throw state.value;
      return { SecretString: state.value };
    },
  };
  return { state, client: client as never };
}

test('read at the cold start, again every 15 minutes; after a rotation the previous value is still accepted', async () => {
  let now = 1_000_000;
  const { state, client } = fakeSecrets('secret-one');
  const edge = cloudFrontEdge({ client, secretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:quorum/origin', log: recordingLogger(), now: () => now });
  assert.deepEqual([edge.viewerIpHeader, edge.secretHeader], [VIEWER_IP_HEADER, ORIGIN_SECRET_HEADER]);
  assert.deepEqual(edge.secrets(), [], 'nothing is trusted before the secret is read');
  await edge.ready();
  assert.deepEqual(edge.secrets(), ['secret-one']);
  now += 60_000;
  await edge.ready();
  assert.equal(state.calls, 1, 'not read again within 15 minutes');
  state.value = 'secret-two';
  now += 15 * 60_000;
  await edge.ready();
  assert.deepEqual(edge.secrets(), ['secret-two', 'secret-one']);
  assert.equal(state.calls, 2);
});

test('a failed read is logged, trusts nothing, and is retried after a minute, not on every request', async () => {
  let now = 5_000_000;
  const { state, client } = fakeSecrets('x');
  state.value = new Error('AccessDeniedException: not authorized');
  const log = recordingLogger();
  const edge = cloudFrontEdge({ client, secretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:quorum/origin', log, now: () => now });
  await edge.ready();
  await edge.ready();
  assert.equal(state.calls, 1);
  assert.deepEqual(edge.secrets(), []);
  assert.match(log.lines.find((l) => l.level === 'error')?.msg ?? '', /could not read the CloudFront origin secret/);
  state.value = 'secret-now-readable';
  now += 61_000;
  await edge.ready();
  assert.deepEqual(edge.secrets(), ['secret-now-readable']);
});
