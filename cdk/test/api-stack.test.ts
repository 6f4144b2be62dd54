import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Match } from 'aws-cdk-lib/assertions';
import { synthesize } from './support';

const { api } = synthesize();

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };
const resources = api.toJSON().Resources as Record<string, Resource>;
const functions = Object.fromEntries(
  Object.entries(resources)
    .filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !id.startsWith('AWSCDK'))
    .map(([id, r]) => [id.replace(/Function[0-9A-F]{8}$/, ''), r]),
);
/** The inline policy statements of a function's role. */
function statementsOf(fn: string): Array<{ Action: string | string[]; Resource: unknown }> {
  const role = (functions[fn]?.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === role))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
}
const actionsOf = (fn: string) => [...new Set(statementsOf(fn).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();

test('one Lambda per entry module, all Node.js 22 on arm64 in the VPC, with their memory and timeouts', () => {
  assert.deepEqual(Object.keys(functions).sort(), ['AlertsJob', 'CommandsJob', 'Http', 'Migrate', 'OfflineJob', 'QueueConsumer', 'RetentionJob', 'WebSocket']);
  const expected: Record<string, [string, number, number]> = {
    Http: ['index.handler', 1024, 29],
    WebSocket: ['index.handler', 512, 29],
    QueueConsumer: ['index.handler', 1024, 60],
    OfflineJob: ['index.offline', 512, 55],
    CommandsJob: ['index.commands', 512, 55],
    AlertsJob: ['index.alerts', 512, 55],
    RetentionJob: ['index.retention', 512, 600],
    Migrate: ['index.handler', 512, 300],
  };
  for (const [name, fn] of Object.entries(functions)) {
    const p = fn.Properties;
    assert.equal(p.Runtime, 'nodejs22.x', name);
    assert.deepEqual(p.Architectures, ['arm64'], name);
    assert.deepEqual([p.Handler, p.MemorySize, p.Timeout], expected[name], name);
    assert.ok(p.VpcConfig?.SubnetIds, `${name} runs in the VPC`);
  }
});

test('reserved concurrency protects the database where configured; queue consumers are capped per queue', () => {
  assert.equal(functions.WebSocket?.Properties.ReservedConcurrentExecutions, 50);
  api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    BatchSize: 10,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    ScalingConfig: { MaximumConcurrency: 5 },
  });
});

test('configuration reaches every function as environment, and no secret does', () => {
  for (const [name, fn] of Object.entries(functions)) {
    const env = fn.Properties.Environment.Variables as Record<string, unknown>;
    for (const key of ['QUORUM_PUBLIC_URL', 'QUORUM_AGENT_WEBSOCKET_URL', 'WEBSOCKET_MANAGEMENT_ENDPOINT', 'KMS_SIGNING_KEY_IDS', 'QUORUM_SECRETS_KMS_KEY_ID', 'DATABASE_HOST', 'DATABASE_USER', 'QUEUE_URL_INGEST', 'QUEUE_URL_NOTIFY']) {
      assert.ok(key in env, `${name} has ${key}`);
    }
    assert.equal(env.DATABASE_USER, 'quorum_admin');
    assert.ok(!Object.keys(env).some((k) => /PASSWORD|DATABASE_URL/.test(k)), `${name}: no password in the environment`);
    assert.equal(env.INBOX_LEASE_SECONDS, '60');
  }
});

test('least privilege: each function may do exactly what its code does, on named resources only', () => {
  // Signs commands (operations), seals a channel's secrets and sends its test message.
  assert.deepEqual(actionsOf('Http'), [
    'execute-api:ManageConnections',
    'kms:Decrypt',
    'kms:Encrypt',
    'kms:GetPublicKey',
    'kms:Sign',
    'rds-db:connect',
    'secretsmanager:DescribeSecret',
    'secretsmanager:GetSecretValue',
  ]);
  // Answers agents, signs key updates on hello, puts batches on the ingest queue.
  assert.deepEqual(actionsOf('WebSocket'), [
    'execute-api:ManageConnections',
    'kms:GetPublicKey',
    'kms:Sign',
    'rds-db:connect',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:SendMessage',
  ]);
  // Consumes both queues; moves orchestrations on (signs, talks to agents); hands deliveries to
  // the notify queue; opens a channel's secrets to deliver to it; sends email.
  assert.deepEqual(actionsOf('QueueConsumer'), [
    'execute-api:ManageConnections',
    'kms:Decrypt',
    'kms:GetPublicKey',
    'kms:Sign',
    'rds-db:connect',
    'secretsmanager:DescribeSecret',
    'secretsmanager:GetSecretValue',
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
    'sqs:SendMessage',
  ]);
  assert.deepEqual(actionsOf('OfflineJob'), ['execute-api:ManageConnections', 'rds-db:connect', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
  assert.deepEqual(actionsOf('CommandsJob'), ['execute-api:ManageConnections', 'kms:GetPublicKey', 'kms:Sign', 'rds-db:connect']);
  assert.deepEqual(actionsOf('AlertsJob'), ['rds-db:connect', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
  assert.deepEqual(actionsOf('RetentionJob'), ['rds-db:connect']);
  assert.deepEqual(actionsOf('Migrate'), ['rds-db:connect']);
  // The notify queue takes deliveries only from those that evaluate alerts; the ingest queue only from the gateway.
  const sendsTo = (fn: string) => JSON.stringify(statementsOf(fn).filter((st) => JSON.stringify(st.Action).includes('sqs:SendMessage')).map((st) => st.Resource));
  for (const fn of ['QueueConsumer', 'OfflineJob', 'AlertsJob']) assert.match(sendsTo(fn), /QueuenotifyQueue/, fn);
  for (const fn of ['QueueConsumer', 'OfflineJob', 'AlertsJob']) assert.doesNotMatch(sendsTo(fn), /QueueingestQueue/, fn);
  assert.match(sendsTo('WebSocket'), /QueueingestQueue/);
  assert.doesNotMatch(sendsTo('WebSocket'), /QueuenotifyQueue/);
  for (const fn of Object.keys(functions)) {
    for (const s of statementsOf(fn)) assert.notEqual(s.Resource, '*', `${fn}: ${JSON.stringify(s.Action)} on a named resource`);
  }
  // The database is reached as the one user, through the proxy only.
  const connect = statementsOf('Http').find((s) => s.Action === 'rds-db:connect');
  assert.match(JSON.stringify(connect?.Resource), /dbuser:.*DBProxyArn.*\/quorum_admin/);
  // Channel secrets: sealed by the HTTP API alone, opened by it and the notify consumer, with the
  // one secrets key; the signing key never decrypts and the secrets key never signs.
  const kmsStatements = (fn: string) => statementsOf(fn).filter((s) => JSON.stringify(s.Action).includes('kms:'));
  for (const fn of ['Http', 'QueueConsumer']) {
    const decrypt = kmsStatements(fn).find((s) => JSON.stringify(s.Action).includes('kms:Decrypt'));
    assert.match(JSON.stringify(decrypt?.Resource), /ChannelSecretsKey/, `${fn} decrypts with the secrets key only`);
    assert.doesNotMatch(JSON.stringify(decrypt?.Action), /kms:Sign/);
  }
  const manage = statementsOf('WebSocket').find((s) => s.Action === 'execute-api:ManageConnections');
  assert.match(JSON.stringify(manage?.Resource), /WebSocketApi[0-9A-F]+"},"\/prod\/\*\/@connections\/\*/);
});

test('the queues (ingest, notify): encrypted, TLS only, 256 KiB bodies, a dead-letter queue after 5 deliveries, alarms on both', () => {
  for (const name of ['ingest', 'notify']) {
    api.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `quorum-${name}`,
      SqsManagedSseEnabled: true,
      MaximumMessageSize: 262144,
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^Queue${name}DeadLetterQueue`), 'Arn'] }, maxReceiveCount: 5 },
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `quorum-${name}-dead-letters`, MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  }
  api.hasResourceProperties('AWS::SQS::Queue', {
    QueueName: 'quorum-ingest',
    SqsManagedSseEnabled: true,
    MaximumMessageSize: 262144,
    VisibilityTimeout: 360,
    RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^QueueingestDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 5 },
  });
  api.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'quorum-ingest-dlq', SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
  for (const policy of Object.values(api.findResources('AWS::SQS::QueuePolicy'))) {
    assert.match(JSON.stringify(policy), /"aws:SecureTransport":"false"/, 'TLS enforced');
  }
  api.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'quorum-ingest-dead-letters', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  api.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'quorum-ingest-backlog', MetricName: 'ApproximateAgeOfOldestMessage' });
  // Queues hold messages in flight: their logical ids are pinned too.
  assert.deepEqual(Object.keys(api.findResources('AWS::SQS::Queue')).sort(), [
    'QueueingestDeadLetterQueueB1098A98',
    'QueueingestQueue1FDC8F7A',
    'QueuenotifyDeadLetterQueue3389B04B',
    'QueuenotifyQueue38DCA439',
  ]);
});

test('the APIs: HTTP API proxying everything to one function; WebSocket routes $connect/$disconnect/$default, throttled', () => {
  api.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
  api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /{proxy+}' });
  api.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
  for (const key of ['$connect', '$disconnect', '$default']) api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
  api.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'prod', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 } });
});

test('schedules: offline detection, command steps and alert timers every minute, retention hourly; migrations run on each deployment that changes them', () => {
  api.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OfflineJobFunction'), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })] });
  for (const job of ['CommandsJob', 'AlertsJob']) {
    api.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${job}Function`), 'Arn'] } })] });
  }
  api.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)', Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RetentionJobFunction'), 'Arn'] } })] });
  api.hasResourceProperties('Custom::Trigger', { HandlerArn: { Ref: Match.stringLikeRegexp('^MigrateFunctionCurrentVersion') } });
  for (const name of ['http', 'websocket', 'consumer', 'offline', 'commandsJob', 'alertsJob', 'retention']) {
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `quorum-${name}-errors`, MetricName: 'Errors' });
  }
});
