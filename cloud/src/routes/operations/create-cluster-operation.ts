import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requestOperation } from '../../commands/request-operation';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, jsonBody, V1 } from '../../http/openapi';
import { operationRequestSchema, operationSchema, operationView } from './operation.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/clusters/{id}/operations`,
  tags: ['operations'],
  summary: 'Ask for a cluster-wide operation: bootstrap-cluster (admin), collect-diagnostics, rolling-restart (operator)',
  description:
    'The command is signed at once (5-minute lifetime) and sent to the agent watching the cluster, or delivered when it connects. ' +
    'A rolling restart is driven by the control plane: one node at a time, only while every node is Synced in the Primary component. ' +
    'With the organization policy `bootstrapRequiresApproval`, a bootstrap waits (`awaiting_approval`) for a different admin. ' +
    '409 `precondition_failed` when the telemetry shows it unsafe (e.g. a bootstrap while a node is Primary).',
  ...authenticated,
  request: { params: idParam, body: jsonBody(operationRequestSchema) },
  responses: { 201: json(operationSchema, 'The operation'), ...errors(400, 401, 403, 404, 409, 413, 415) },
});

export function registerCreateClusterOperation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const row = await requestOperation(c.get('deps'), {
      principal: c.get('principal'),
      requestId: c.get('requestId'),
      target: { kind: 'cluster', clusterId: c.req.valid('param').id },
      action: body.action,
      params: body.params,
    });
    return c.json(operationView(row), 201);
  });
}
