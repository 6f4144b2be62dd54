import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { cancelOperation } from '../../commands/cancel-operation';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { operationIdParam, operationSchema, operationView } from './operation.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/operations/{id}/cancel`,
  tags: ['operations'],
  summary: 'Cancel an operation (the role that may ask for it)',
  description:
    'Not yet delivered: cancelled, and never sent. Possibly delivered or running: the agent is sent a signed cancel-command and its ' +
    'report decides the outcome. A rolling restart stops before its next step (its running step is cancelled too). 409 when finished.',
  ...authenticated,
  request: { params: operationIdParam },
  responses: { 200: json(operationSchema, 'The operation after the cancellation'), ...errors(400, 401, 403, 404, 409) },
});

export function registerCancelOperation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const row = await cancelOperation(c.get('deps'), { principal: c.get('principal'), requestId: c.get('requestId'), id: c.req.valid('param').id });
    return c.json(operationView(row), 200);
  });
}
