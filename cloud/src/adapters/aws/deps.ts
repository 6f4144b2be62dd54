import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DatabaseHandle } from '../../db/client';
import type { Deps } from '../../deps';
import { systemClock } from '../../ports/clock';
import { jsonLogger } from '../../ports/logger';
import { ApiGatewayAgentChannel } from './api-gateway-channel';
import { parseAwsConfig, type AwsConfig } from './config';
import { openLambdaDatabase } from './database';
import { kmsSecretBox } from './kms-secret-box';
import { kmsSigner } from './kms-signer';
import { SqsQueue } from './sqs-queue';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createGuardedHttpSender } from '../notify/guarded-http-sender';
import { sesMailer } from './ses-mailer';
import { cloudFrontEdge } from './origin-secret';
import { DeferredWork } from './deferred-work';

export interface AwsHost {
  deps: Deps;
  /** What handlers await before returning (see `deferred-work.ts`). */
  deferred: DeferredWork;
  config: AwsConfig;
  database: DatabaseHandle;
  /** What the HTTP handler awaits before a request (the CloudFront origin secret, when used). */
  ready(): Promise<void>;
}

let host: AwsHost | undefined;

/**
 * The AWS host's ports, built once per Lambda container — at module scope, during the cold start —
 * and reused by every invocation: the database pool, the SDK clients (their HTTP keep-alive
 * connections), the KMS public keys. Configuration comes from the environment the CDK api stack
 * sets, validated once (`config.ts`); a bad variable fails the cold start naming it.
 *
 * The SDK clients take region and credentials from the Lambda runtime; an endpoint can be
 * redirected with the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables (the tests use this to
 * point SQS at a local server).
 */
export function awsDeps(env: Record<string, string | undefined> = process.env): Deps {
  return awsHost(env).deps;
}

export function awsHost(env: Record<string, string | undefined> = process.env): AwsHost {
  if (host) return host;
  const config = parseAwsConfig(env);
  const log = jsonLogger({ level: config.logLevel, base: { service: 'quorum-cloud', fn: env.AWS_LAMBDA_FUNCTION_NAME } });
  const database = openLambdaDatabase(config.database);
  const agentChannel = new ApiGatewayAgentChannel({
    client: new ApiGatewayManagementApiClient({ endpoint: config.websocketManagementEndpoint }),
    db: database.db,
    log,
  });
  const deferred = new DeferredWork();
  const kms = new KMSClient({});
  const secrets = new SecretsManagerClient({});
  const edge = config.originSecretArn ? cloudFrontEdge({ client: secrets, secretArn: config.originSecretArn, log }) : undefined;
  const deps: Deps = {
    db: database.db,
    clock: systemClock,
    queue: new SqsQueue({ client: new SQSClient({}), queueUrls: config.queueUrls }),
    agentChannel,
    signer: kmsSigner({ client: kms, keyIds: config.signingKeyIds }),
    log,
    config: config.app,
    mailer: sesMailer({ smtp: config.smtp, region: env.AWS_REGION ?? 'us-east-1', secrets }),
    // Slack and webhooks only ever reach public addresses (SSRF); nothing on AWS turns that off.
    httpSender: createGuardedHttpSender(),
    secretBox: kmsSecretBox({ client: kms, keyId: config.secretsKeyId }),
    ...(edge ? { edgeProxy: edge } : {}),
    defer: deferred.defer,
  };
  host = { deps, deferred, config, database, ready: async () => edge?.ready() };
  return host;
}

/** Forgets the container's host (tests that load handlers with different environments). */
export async function resetAwsHost(): Promise<void> {
  const current = host;
  host = undefined;
  await current?.database.close();
}
