import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { findCommand } from '../../db/repos/commands.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { operationIdParam, operationSchema, operationView } from './operation.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/operations/{id}`,
  tags: ['operations'],
  summary: 'One operation: state, progress, result or error, and a rolling restart’s steps',
  ...authenticated,
  request: { params: operationIdParam },
  responses: { 200: json(operationSchema, 'The operation'), ...errors(400, 401, 404) },
});

export function registerGetOperation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const row = await findCommand(c.get('deps').db, scopeOf(c.get('principal')), c.req.valid('param').id);
    if (!row) throw notFound('operation');
    return c.json(operationView(row), 200);
  });
}
