import type { Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { buildApp } from '../../../app';
import { awsHost } from '../deps';

// API Gateway HTTP API (payload v2) → the HTTP API, the same app the local host serves. Before a
// request, the host is ready: the CloudFront origin secret read (per-IP limits need it).
const host = awsHost();
const app = handle(buildApp(host.deps));

export const handler = async (event: Parameters<typeof app>[0], context?: Context) => {
  await host.ready();
  return app(event, context);
};
