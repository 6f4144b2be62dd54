import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import type { QuorumDeploymentProps } from '../config';

export interface DataStackProps extends StackProps {
  deployment: QuorumDeploymentProps;
}

/** The database user the control plane connects as (through the proxy, with IAM tokens). */
export const DATABASE_USER = 'quorum_admin';
export const DATABASE_NAME = 'quorum';

/**
 * The stateful half of a deployment, kept apart so the api stack can be replaced freely: the VPC,
 * Aurora Serverless v2 (MySQL 8.0-compatible) behind RDS Proxy, its generated credentials secret,
 * and the KMS key that signs commands. Termination protection is on; the database and key are
 * retained (a snapshot, for the database) if the stack is ever deleted; tests pin their logical
 * ids, so a refactor cannot silently replace them.
 */
export class DataStack extends Stack {
  readonly vpc: ec2.Vpc;
  readonly cluster: rds.DatabaseCluster;
  readonly proxy: rds.DatabaseProxy;
  readonly signingKey: kms.Key;
  /** Seals notification-channel secrets (Slack and webhook URLs, signing secrets) in the database. */
  readonly secretsKey: kms.Key;
  /** The Lambdas' security group: the only one the proxy accepts connections from. */
  readonly lambdaSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const { database } = props.deployment;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: database.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    this.lambdaSecurityGroup = new ec2.SecurityGroup(this, 'LambdaSecurityGroup', {
      vpc: this.vpc,
      description: 'Quorum Lambdas (egress to the proxy and AWS APIs)',
      allowAllOutbound: true,
    });
    const proxySecurityGroup = new ec2.SecurityGroup(this, 'ProxySecurityGroup', { vpc: this.vpc, description: 'Quorum RDS Proxy', allowAllOutbound: false });
    const dbSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', { vpc: this.vpc, description: 'Quorum Aurora cluster', allowAllOutbound: false });
    proxySecurityGroup.addIngressRule(this.lambdaSecurityGroup, ec2.Port.tcp(3306), 'Lambdas to the proxy');
    proxySecurityGroup.addEgressRule(dbSecurityGroup, ec2.Port.tcp(3306), 'proxy to the database');

    this.cluster = new rds.DatabaseCluster(this, 'Database', {
      engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_10_3 }),
      writer: rds.ClusterInstance.serverlessV2('Writer', { autoMinorVersionUpgrade: true }),
      serverlessV2MinCapacity: database.minCapacity,
      serverlessV2MaxCapacity: database.maxCapacity,
      credentials: rds.Credentials.fromGeneratedSecret(DATABASE_USER, { secretName: `${props.deployment.name}/database/admin` }),
      defaultDatabaseName: DATABASE_NAME,
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [dbSecurityGroup],
      storageEncrypted: true,
      backup: { retention: Duration.days(database.backupRetentionDays), preferredWindow: '03:00-04:00' },
      preferredMaintenanceWindow: 'Sun:04:30-Sun:05:30',
      cloudwatchLogsExports: ['error', 'slowquery'],
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });

    // Lambdas connect to the proxy, never to the cluster: hundreds of short-lived containers
    // share a few server connections. IAM auth means no password ever reaches a function.
    this.proxy = this.cluster.addProxy('Proxy', {
      secrets: [this.cluster.secret as NonNullable<rds.DatabaseCluster['secret']>],
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [proxySecurityGroup],
      iamAuth: true,
      requireTLS: true,
      maxConnectionsPercent: 90,
      idleClientTimeout: Duration.minutes(15),
      borrowTimeout: Duration.seconds(30),
    });

    this.signingKey = new kms.Key(this, 'CommandSigningKey', {
      description: 'Quorum: signs the commands agents execute (agents pin its public key)',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      alias: `alias/${props.deployment.name}-command-signing`,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Without this key the sealed channel secrets are lost: retained, like the database.
    this.secretsKey = new kms.Key(this, 'ChannelSecretsKey', {
      description: 'Quorum: seals notification-channel secrets (Slack/webhook URLs, signing secrets)',
      enableKeyRotation: true,
      alias: `alias/${props.deployment.name}-channel-secrets`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
