import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AWS_HANDLERS, LOCK_FILE, MIGRATIONS, REPO_ROOT } from '../paths';

export interface QuorumFunctionProps {
  /** The entry module under cloud/src/adapters/aws/handlers, e.g. `http`. */
  entry: 'http' | 'websocket' | 'queue' | 'scheduled' | 'migrate';
  /** The export to run (default `handler`). */
  handler?: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  vpc: ec2.IVpc;
  securityGroup: ec2.ISecurityGroup;
  reservedConcurrentExecutions?: number;
}

/**
 * A control-plane Lambda: Node.js 22 on arm64 in the VPC's private subnets, bundled by the local
 * esbuild from node_modules (no Docker) into one ESM file — the AWS SDK included, so the exact
 * versions tested are the ones that run. Every bundle carries the database migrations beside it
 * (`db/client.ts` finds them next to the module). Logs are kept for a month.
 */
export class QuorumFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: QuorumFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${AWS_HANDLERS}/${props.entry}.ts`,
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [props.securityGroup],
      logGroup,
      ...(props.reservedConcurrentExecutions !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        externalModules: [],
        // CommonJS dependencies (mysql2) call require(): give the ESM bundle one.
        banner: "import { createRequire as __quorumCreateRequire } from 'node:module'; const require = __quorumCreateRequire(import.meta.url);",
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input: string, output: string) => [`cp -r "${MIGRATIONS}" "${output}/migrations"`],
        },
      },
    });
  }
}

