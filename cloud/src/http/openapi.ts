import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { ERROR_STATUS } from '../errors';
import type { AppEnv } from './context';
import { requireAuth } from './require-auth';

/** Every API path starts here. */
export const V1 = '/api/v1' as const;

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...Array<keyof typeof ERROR_STATUS>]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field)',
  401: 'No valid session or API token (`unauthenticated`)',
  403: 'The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`)',
  404: 'Not found — also what another organization’s object looks like',
  409: 'Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence})',
  413: 'Body over 64 KB',
  415: 'Body not sent as application/json',
  429: 'Rate limited (`Retry-After` tells when to retry)',
};

/** The error responses a route documents, by status. */
export function errors(...statuses: Array<keyof typeof ERROR_DESCRIPTIONS>) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: ERROR_DESCRIPTIONS[s] ?? 'Error', content: { 'application/json': { schema: errorSchema } } }]),
  );
}

/** A JSON response of a route. */
export function json<T extends ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body (required: otherwise zod-openapi skips validation when it is absent). */
export function jsonBody<T extends ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** Spread into `createRoute` for routes that need a principal (session cookie or API token). */
type Security = Array<Record<string, string[]>>;

export const authenticated: { middleware: typeof requireAuth; security: Security } = {
  middleware: requireAuth,
  security: [{ session: [] }, { bearer: [] }],
};

/** Spread into `createRoute` for routes anyone may call. */
export const publicRoute: { security: Security } = { security: [] };

/** Path parameter `{id}`: our ids are short prefixed strings; anything else is a 400, never a DB query. */
export const idParam = z.object({
  id: z
    .string()
    .regex(/^[a-z]{3}_[0-9A-Za-z]{1,40}$/, 'not a valid id')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'clu_01JD3F5Q8Y2B7T0V9W4X6Z1A2C' }),
});

export const millis = z.number().int().openapi({ description: 'Milliseconds since the Unix epoch (UTC)', example: 1_795_000_000_000 });

export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'quorum_session',
    description: 'Portal session (named `__Host-quorum_session` under https). State-changing requests must send Content-Type: application/json.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'API token `qrm_…` (POST /api/v1/api-tokens)',
  });
  app.doc31(`${V1}/openapi.json`, {
    openapi: '3.1.0',
    info: {
      title: 'Quorum API',
      version: '1',
      description: 'Control plane for MariaDB Galera clusters. All timestamps are milliseconds since the epoch. Errors are `{error: {code, message}}`.',
    },
  });
}
