import { handle } from 'hono/aws-lambda';
import { buildApp } from '../../../app';
import { awsDeps } from '../deps';

// API Gateway HTTP API (payload v2) → the HTTP API, the same app the local host serves.
export const handler = handle(buildApp(awsDeps()));
