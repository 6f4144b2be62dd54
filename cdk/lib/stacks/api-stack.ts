import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as triggers from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { QUEUES, type QuorumDeploymentProps } from '../config';
import { QuorumFunction } from '../constructs/quorum-function';
import { QueueWithDlq } from '../constructs/queue-with-dlq';
import { DATABASE_NAME, DATABASE_USER } from './data-stack';

export interface ApiStackProps extends StackProps {
  deployment: QuorumDeploymentProps;
  vpc: ec2.IVpc;
  lambdaSecurityGroup: ec2.ISecurityGroup;
  proxy: rds.IDatabaseProxy;
  /** The database cluster: the migration runs after it (and its proxy) exist. */
  databaseDependency: Construct;
  signingKey: kms.IKey;
  /** The symmetric key sealing notification-channel secrets. */
  secretsKey: kms.IKey;
  /** SES SMTP settings from the email stack, when email is configured. */
  smtp?: { host: string; fromAddress: string; credentials: secretsmanager.ISecret };
}

const CONSUMER_TIMEOUT = Duration.seconds(60);

/**
 * The stateless half: the HTTP API and the agents' WebSocket API on API Gateway, the Lambdas
 * running the same core as the local host (one per entry module), the queues with their
 * dead-letter queues and alarms, the schedules, and the migration run on every deployment.
 *
 * Least privilege: each function gets only what its code uses — `rds-db:connect` as the one
 * database user through the proxy; the Management API only where agents are written to; KMS
 * Sign/GetPublicKey on the one signing key only where commands are signed or keys handed out;
 * SendMessage only to the queues it produces to.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  readonly webSocketStage: apigw.WebSocketStage;
  readonly queues: Record<string, QueueWithDlq> = {};
  /** What CloudFront sends with every /api/* request, so the API may trust the viewer address it stamps. */
  readonly originSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const d = props.deployment;
    const alarms = new sns.Topic(this, 'Alarms', { topicName: `${d.name}-alarms`, enforceSSL: true });
    if (d.alarmEmail) alarms.addSubscription(new subscriptions.EmailSubscription(d.alarmEmail));

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', { apiName: `${d.name}-http`, description: 'Quorum HTTP API (portal, automation, agent enrollment)' });
    const webSocketApi = new apigw.WebSocketApi(this, 'WebSocketApi', { apiName: `${d.name}-agents`, description: 'Quorum agent gateway' });
    this.webSocketStage = new apigw.WebSocketStage(this, 'WebSocketStage', {
      webSocketApi,
      stageName: 'prod',
      autoDeploy: true,
      throttle: d.websocketThrottle,
    });

    const publicUrl = d.domain ? `https://${d.domain.name}` : this.httpApi.apiEndpoint;
    const common: Record<string, string> = {
      QUORUM_PUBLIC_URL: publicUrl,
      QUORUM_AGENT_WEBSOCKET_URL: this.webSocketStage.url,
      WEBSOCKET_MANAGEMENT_ENDPOINT: this.webSocketStage.callbackUrl,
      KMS_SIGNING_KEY_IDS: props.signingKey.keyArn,
      QUORUM_SECRETS_KMS_KEY_ID: props.secretsKey.keyArn,
      DATABASE_HOST: props.proxy.endpoint,
      DATABASE_PORT: '3306',
      DATABASE_NAME,
      DATABASE_USER,
      QUORUM_AGENT_OFFLINE_AFTER_MS: String(d.agentOfflineAfterMs),
      QUORUM_METRIC_RETENTION_DAYS: String(d.metricRetentionDays),
      QUORUM_HISTORY_RETENTION_DAYS: String(d.historyRetentionDays),
      QUORUM_AUDIT_RETENTION_DAYS: String(d.auditRetentionDays),
      INBOX_LEASE_SECONDS: String(CONSUMER_TIMEOUT.toSeconds()),
      LOG_LEVEL: 'info',
      ...(props.smtp
        ? { SMTP_HOST: props.smtp.host, SMTP_PORT: '587', SMTP_FROM: props.smtp.fromAddress, SMTP_CREDENTIALS_SECRET_ARN: props.smtp.credentials.secretArn }
        : {}),
    };
    const fn = (name: string, opts: Omit<ConstructorParameters<typeof QuorumFunction>[2], 'environment' | 'vpc' | 'securityGroup'>) => {
      const f = new QuorumFunction(this, name, { ...opts, environment: common, vpc: props.vpc, securityGroup: props.lambdaSecurityGroup }).fn;
      props.proxy.grantConnect(f, DATABASE_USER);
      return f;
    };

    const http = fn('Http', { entry: 'http', description: 'Quorum HTTP API', memorySize: 1024, timeout: Duration.seconds(29) });
    const websocket = fn('WebSocket', {
      entry: 'websocket',
      description: 'Quorum agent gateway ($connect, $default, $disconnect)',
      memorySize: 512,
      timeout: Duration.seconds(29),
      ...(d.concurrency.websocket !== undefined ? { reservedConcurrentExecutions: d.concurrency.websocket } : {}),
    });
    const consumer = fn('QueueConsumer', { entry: 'queue', description: 'Quorum queue consumers (ingest, …)', memorySize: 1024, timeout: CONSUMER_TIMEOUT });
    const offline = fn('OfflineJob', { entry: 'scheduled', handler: 'offline', description: 'Quorum offline detection (every minute)', memorySize: 512, timeout: Duration.seconds(55) });
    const commandsJob = fn('CommandsJob', { entry: 'scheduled', handler: 'commands', description: 'Quorum command expiry and orchestration steps (every minute)', memorySize: 512, timeout: Duration.seconds(55) });
    const alertsJob = fn('AlertsJob', { entry: 'scheduled', handler: 'alerts', description: 'Quorum alert timers and notification retries (every minute)', memorySize: 512, timeout: Duration.seconds(55) });
    const retention = fn('RetentionJob', { entry: 'scheduled', handler: 'retention', description: 'Quorum retention (hourly)', memorySize: 512, timeout: Duration.minutes(10) });
    const migrate = fn('Migrate', { entry: 'migrate', description: 'Quorum database migrations (run by each deployment)', memorySize: 512, timeout: Duration.minutes(5) });

    this.httpApi.addRoutes({ path: '/{proxy+}', methods: [apigw.HttpMethod.ANY], integration: new HttpLambdaIntegration('HttpIntegration', http) });
    const wsIntegration = new WebSocketLambdaIntegration('WebSocketIntegration', websocket);
    webSocketApi.addRoute('$connect', { integration: wsIntegration });
    webSocketApi.addRoute('$disconnect', { integration: wsIntegration });
    webSocketApi.addRoute('$default', { integration: wsIntegration });

    // Who talks to agents: the gateway (answers, pending commands on hello), the HTTP API
    // (revocations, commands), the offline job (drops), and whoever moves orchestrations on — the
    // ingest consumer (a rolling restart's next step) and the commands job.
    for (const f of [websocket, http, offline, consumer, commandsJob]) this.webSocketStage.grantManagementApiAccess(f);
    // Who signs commands: the HTTP API (operations; enrollment hands out the public keys), the
    // gateway (key updates for an agent's hello), the ingest consumer and the commands job
    // (orchestration steps, bootstrap plans).
    for (const f of [http, websocket, consumer, commandsJob]) props.signingKey.grant(f, 'kms:Sign', 'kms:GetPublicKey');
    // Who reads or writes channel secrets: the HTTP API (a channel is created or changed; a test
    // send) and the notify consumer (a delivery). Nothing else ever sees a Slack URL.
    props.secretsKey.grant(http, 'kms:Encrypt', 'kms:Decrypt');
    props.secretsKey.grant(consumer, 'kms:Decrypt');

    for (const queueName of QUEUES) {
      const q = new QueueWithDlq(this, `Queue-${queueName}`, {
        queueName,
        resourcePrefix: d.name,
        consumer,
        consumerTimeout: CONSUMER_TIMEOUT,
        maxReceiveCount: 5,
        maxConcurrency: Math.max(2, d.concurrency.queueConsumers),
        alarms,
      });
      this.queues[queueName] = q;
      for (const f of [http, websocket, consumer, offline, commandsJob, alertsJob, retention, migrate]) f.addEnvironment(q.envName, q.queue.queueUrl);
    }
    // Producers: the gateway puts batches on the ingest queue; whatever evaluates alerts (the
    // ingest consumer, the offline and alerts jobs) hands new deliveries to the notify queue.
    this.queues.ingest?.queue.grantSendMessages(websocket);
    for (const f of [consumer, offline, alertsJob]) this.queues.notify?.queue.grantSendMessages(f);
    // Who sends email: the notify consumer, and the HTTP API's test-send of a channel.
    if (props.smtp) for (const f of [consumer, http]) props.smtp.credentials.grantRead(f);
    // The CloudFront origin secret: read by the HTTP API alone (per-IP limits on login and enrollment).
    this.originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      secretName: `${d.name}/cloudfront-origin`,
      description: 'Quorum: sent by CloudFront with every /api/* request; proves its x-quorum-viewer-ip header',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    this.originSecret.grantRead(http);
    http.addEnvironment('QUORUM_ORIGIN_SECRET_ARN', this.originSecret.secretArn);

    new events.Rule(this, 'OfflineSchedule', {
      description: 'Quorum: detect silent agents and stale clusters',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(offline, { retryAttempts: 0 })],
    });
    new events.Rule(this, 'CommandsSchedule', {
      description: 'Quorum: expire commands, move orchestrations and bootstrap plans on',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(commandsJob, { retryAttempts: 0 })],
    });
    new events.Rule(this, 'AlertsSchedule', {
      description: 'Quorum: alert timers (for, keep-firing, group intervals) and notification retries',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(alertsJob, { retryAttempts: 0 })],
    });
    new events.Rule(this, 'RetentionSchedule', {
      description: 'Quorum: delete old metric samples, batch ids and inbox rows',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(retention, { retryAttempts: 2 })],
    });

    new triggers.Trigger(this, 'MigrateOnDeploy', {
      handler: migrate,
      executeAfter: [props.databaseDependency],
      executeOnHandlerChange: true,
      timeout: Duration.minutes(5),
    });

    const notify = new actions.SnsAction(alarms);
    for (const [name, f] of Object.entries({ http, websocket, consumer, offline, commandsJob, alertsJob, retention })) {
      new cloudwatch.Alarm(this, `${name}Errors`, {
        alarmName: `${d.name}-${name}-errors`,
        metric: f.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 5,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);
    }

    new CfnOutput(this, 'HttpApiUrl', { value: this.httpApi.apiEndpoint });
    new CfnOutput(this, 'AgentWebSocketUrl', { value: this.webSocketStage.url, description: 'What `quorum-agent enroll` receives as websocketUrl' });
  }
}
