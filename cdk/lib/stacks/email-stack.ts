import { CfnOutput, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { QuorumDeploymentProps } from '../config';

export interface EmailStackProps extends StackProps {
  deployment: QuorumDeploymentProps;
  email: NonNullable<QuorumDeploymentProps['email']>;
}

/**
 * Alert email through SES: the sending domain's identity (Easy DKIM; the three CNAME records are
 * stack outputs to add at the DNS provider), and SMTP credentials for the mailer — an IAM user
 * that may only `ses:SendRawEmail` from the one alert address, its access key kept in Secrets
 * Manager. The mailer derives SES's SMTP password from the key (`cloud/src/adapters/aws/ses-smtp.ts`)
 * and sends through `email-smtp.{region}.amazonaws.com:587` (STARTTLS).
 */
export class EmailStack extends Stack {
  readonly smtpHost: string;
  readonly fromAddress: string;
  readonly smtpCredentials: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: EmailStackProps) {
    super(scope, id, props);
    const identity = new ses.EmailIdentity(this, 'Identity', { identity: ses.Identity.domain(props.email.domain) });
    const sender = new iam.User(this, 'SmtpUser', { userName: `${props.deployment.name}-smtp` });
    sender.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/${props.email.domain}`],
        conditions: { StringEquals: { 'ses:FromAddress': props.email.fromAddress } },
      }),
    );
    const key = new iam.AccessKey(this, 'SmtpAccessKey', { user: sender });
    this.smtpCredentials = new secretsmanager.Secret(this, 'SmtpCredentials', {
      secretName: `${props.deployment.name}/smtp`,
      description: 'SES SMTP: an access key id (the SMTP username) and its secret (the SMTP password is derived from it)',
      secretObjectValue: { username: SecretValue.unsafePlainText(key.accessKeyId), secretAccessKey: key.secretAccessKey },
    });
    this.smtpHost = `email-smtp.${this.region}.amazonaws.com`;
    this.fromAddress = props.email.fromAddress;
    identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}`, description: 'Add at the DNS provider of the sending domain' });
    });
  }
}
