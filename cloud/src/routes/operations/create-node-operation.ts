import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requestOperation } from '../../commands/request-operation';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, jsonBody, V1 } from '../../http/openapi';
import { operationRequestSchema, operationSchema, operationView } from './operation.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/nodes/{id}/operations`,
  tags: ['operations'],
  summary: 'Ask for an operation on one node: start/stop/restart/rejoin-node, kill-query (operator); recover-position, set-global-variable (admin)',
  description:
    'Signed at once (5-minute lifetime) and sent to the agent watching the node, or delivered when it connects. ' +
    '409 `precondition_failed` when the telemetry shows it unsafe (e.g. stopping the last Synced node).',
  ...authenticated,
  request: { params: idParam, body: jsonBody(operationRequestSchema) },
  responses: { 201: json(operationSchema, 'The operation'), ...errors(400, 401, 403, 404, 409, 413, 415) },
});

export function registerCreateNodeOperation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const row = await requestOperation(c.get('deps'), {
      principal: c.get('principal'),
      requestId: c.get('requestId'),
      target: { kind: 'node', nodeId: c.req.valid('param').id },
      action: body.action,
      params: body.params,
    });
    return c.json(operationView(row), 201);
  });
}
