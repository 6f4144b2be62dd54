import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueueWithDlqProps {
  /** The queue's name in the code (`ingest`): its env variable is QUEUE_URL_<NAME>. */
  queueName: string;
  resourcePrefix: string;
  consumer: lambda.IFunction;
  consumerTimeout: Duration;
  /** Deliveries before a message goes to the dead-letter queue. */
  maxReceiveCount: number;
  maxConcurrency: number;
  alarms: sns.ITopic;
}

/**
 * One control-plane queue: an SQS standard queue (SSE-SQS, TLS only, 256 KiB bodies) with its
 * dead-letter queue, the queue Lambda consuming it with partial batch failures, and two alarms:
 * anything in the dead-letter queue, and a backlog older than five minutes.
 */
export class QueueWithDlq extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  /** The environment variable the code reads this queue's URL from. */
  readonly envName: string;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    const name = `${props.resourcePrefix}-${props.queueName}`;
    this.envName = `QUEUE_URL_${props.queueName.toUpperCase()}`;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: `${name}-dlq`,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: name,
      // AWS's advice for Lambda consumers: six times the function timeout, so a message is not
      // redelivered while a throttled batch still waits to be processed.
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      maxMessageSizeBytes: 256 * 1024,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    props.consumer.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: props.maxConcurrency }),
    );
    const notify = new actions.SnsAction(props.alarms);
    new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmName: `${name}-dead-letters`,
      alarmDescription: `Messages of the ${props.queueName} queue failed ${props.maxReceiveCount} times and wait in ${name}-dlq`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(notify);
    new cloudwatch.Alarm(this, 'BacklogAlarm', {
      alarmName: `${name}-backlog`,
      alarmDescription: `The oldest ${props.queueName} message has waited over 5 minutes: consumers are failing or too few`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 300,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(notify);
  }
}
