import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_PROPS, type QuorumDeploymentProps } from '../lib/config';
import { buildQuorum } from '../lib/quorum';

/** The account and region whose look-ups are committed in cdk.context.json (none are needed today). */
export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' };

export const TEST_PROPS: QuorumDeploymentProps = {
  ...DEFAULT_PROPS,
  env: TEST_ENV,
  email: { domain: 'quorum.example.com', fromAddress: 'alerts@quorum.example.com' },
  alarmEmail: 'oncall@example.com',
  concurrency: { queueConsumers: 5, websocket: 50 },
};

/** The look-ups a deployment to TEST_ENV needs, committed so synthesis never calls AWS. */
export const COMMITTED_CONTEXT = JSON.parse(readFileSync(new URL('../cdk.context.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * Synthesizes the deployment in memory without bundling the Lambdas (the assets are stand-ins:
 * `aws:cdk:bundling-stacks` empty) — what template assertions need, in a second.
 */
export function synthesize(props: QuorumDeploymentProps = TEST_PROPS) {
  const app = new App({ context: { ...COMMITTED_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildQuorum(app, props);
  return {
    stacks,
    data: Template.fromStack(stacks.data),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
    email: stacks.email ? Template.fromStack(stacks.email) : undefined,
  };
}
