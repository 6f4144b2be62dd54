import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Match } from 'aws-cdk-lib/assertions';
import { synthesize } from './support';

const { stacks, data } = synthesize();

const logicalIds = (type: string) => Object.keys(data.findResources(type)).sort();

test('stateful resources keep their logical ids: changing one would replace the database, its secret, the signing key or the channel-secrets key', () => {
  assert.deepEqual(logicalIds('AWS::RDS::DBCluster'), ['DatabaseB269D8BB']);
  assert.deepEqual(logicalIds('AWS::RDS::DBInstance'), ['DatabaseWriter7794273E']);
  assert.deepEqual(logicalIds('AWS::RDS::DBSubnetGroup'), ['DatabaseSubnets56F17B9A']);
  assert.deepEqual(logicalIds('AWS::SecretsManager::Secret'), ['quorumdataDatabaseSecret027133693fdaad7efa858a3daf9490cf0a702aeb']);
  assert.deepEqual(logicalIds('AWS::KMS::Key'), ['ChannelSecretsKeyFCED1871', 'CommandSigningKey8EC8DBB0']);
  assert.deepEqual(logicalIds('AWS::EC2::VPC'), ['Vpc8378EB38']);
  assert.deepEqual(logicalIds('AWS::RDS::DBProxy'), ['DatabaseProxyE01FC4E6']);
});

test('the data stack is termination-protected; the database is kept as a snapshot and the key retained on deletion', () => {
  assert.equal(stacks.data.terminationProtection, true);
  data.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
  const keys = Object.values(data.findResources('AWS::KMS::Key'));
  assert.equal(keys.length, 2);
  for (const key of keys) assert.deepEqual([key.DeletionPolicy, key.UpdateReplacePolicy], ['Retain', 'Retain']);
  data.hasResourceProperties('AWS::KMS::Key', { Description: Match.stringLikeRegexp('channel secrets'), EnableKeyRotation: true, KeySpec: Match.absent() });
});

test('Aurora Serverless v2 MySQL: encrypted at rest, deletion-protected, backed up, private, scaling as configured', () => {
  data.hasResourceProperties('AWS::RDS::DBCluster', {
    Engine: 'aurora-mysql',
    EngineVersion: Match.stringLikeRegexp('^8\\.0\\.mysql_aurora\\.3\\.'),
    StorageEncrypted: true,
    DeletionProtection: true,
    BackupRetentionPeriod: 7,
    DatabaseName: 'quorum',
    ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 },
    EnableCloudwatchLogsExports: ['error', 'slowquery'],
  });
  data.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless', PubliclyAccessible: false });
  data.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'quorum/database/admin', GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"quorum_admin"}' }) });
});

test('RDS Proxy: IAM authentication and TLS required; only the Lambdas may reach it, and only it the database', () => {
  data.hasResourceProperties('AWS::RDS::DBProxy', {
    EngineFamily: 'MYSQL',
    RequireTLS: true,
    Auth: [Match.objectLike({ AuthScheme: 'SECRETS', IAMAuth: 'REQUIRED' })],
  });
  data.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
    GroupId: { 'Fn::GetAtt': ['ProxySecurityGroup6DC814C1', 'GroupId'] },
    SourceSecurityGroupId: { 'Fn::GetAtt': ['LambdaSecurityGroup0BD9FC99', 'GroupId'] },
    FromPort: 3306,
    ToPort: 3306,
  });
  const ingress = Object.values(data.findResources('AWS::EC2::SecurityGroupIngress')) as Array<{ Properties: Record<string, unknown> }>;
  const intoDatabase = ingress.filter((r) => JSON.stringify(r.Properties.GroupId).includes('DatabaseSecurityGroup'));
  assert.deepEqual(intoDatabase.map((r) => JSON.stringify(r.Properties.SourceSecurityGroupId)), [JSON.stringify({ 'Fn::GetAtt': ['ProxySecurityGroup6DC814C1', 'GroupId'] })]);
  for (const sg of Object.values(data.findResources('AWS::EC2::SecurityGroup')) as Array<{ Properties: { SecurityGroupIngress?: Array<{ CidrIp?: string }> } }>) {
    assert.ok(!(sg.Properties.SecurityGroupIngress ?? []).some((r) => r.CidrIp === '0.0.0.0/0'), 'nothing is open to the internet');
  }
});

test('the command-signing key is an asymmetric P-256 signing key, never exportable', () => {
  data.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  data.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/quorum-command-signing' });
});
