import { Fn, type App } from 'aws-cdk-lib';
import type { QuorumDeploymentProps } from './config';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { EmailStack } from './stacks/email-stack';
import { WebStack } from './stacks/web-stack';

export interface QuorumStacks {
  data: DataStack;
  api: ApiStack;
  web: WebStack;
  email: EmailStack | undefined;
}

/**
 * A whole deployment: data (stateful, termination-protected) → email (optional) → api → web.
 * Stack names are `<name>-data`, `<name>-email`, `<name>-api`, `<name>-web`.
 */
export function buildQuorum(app: App, props: QuorumDeploymentProps): QuorumStacks {
  const env = props.env ? { env: props.env } : {};
  const tags = { project: 'quorum', deployment: props.name };
  const data = new DataStack(app, `${props.name}-data`, { ...env, tags, deployment: props, description: 'Quorum: VPC, Aurora MySQL + RDS Proxy, command-signing key' });
  const email = props.email
    ? new EmailStack(app, `${props.name}-email`, { ...env, tags, deployment: props, email: props.email, description: 'Quorum: SES identity and SMTP credentials' })
    : undefined;
  const api = new ApiStack(app, `${props.name}-api`, {
    ...env,
    tags,
    deployment: props,
    description: 'Quorum: HTTP and WebSocket APIs, Lambdas, queues, schedules',
    vpc: data.vpc,
    lambdaSecurityGroup: data.lambdaSecurityGroup,
    proxy: data.proxy,
    databaseDependency: data.cluster,
    signingKey: data.signingKey,
    secretsKey: data.secretsKey,
    ...(email ? { smtp: { host: email.smtpHost, fromAddress: email.fromAddress, credentials: email.smtpCredentials } } : {}),
  });
  const web = new WebStack(app, `${props.name}-web`, {
    ...env,
    tags,
    deployment: props,
    description: 'Quorum: portal on S3 + CloudFront, /api/* to the HTTP API',
    // https://{id}.execute-api.{region}.amazonaws.com → the host name
    httpApiDomain: Fn.select(2, Fn.split('/', api.httpApi.apiEndpoint)),
    originSecret: api.originSecret,
  });
  return { data, api, web, email };
}
