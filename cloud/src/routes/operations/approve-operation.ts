import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { approveOperation } from '../../commands/approve-operation';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { operationIdParam, operationSchema, operationView } from './operation.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/operations/{id}/approve`,
  tags: ['operations'],
  summary: 'Approve a command awaiting approval (an admin or owner other than the one who asked)',
  description:
    'Under the organization policy `bootstrapRequiresApproval`. The preconditions are checked again, then the command is signed with ' +
    '`approvedBy` in its envelope and delivered. 403 for the requester themselves; 409 when it is not awaiting approval.',
  ...authenticated,
  request: { params: operationIdParam },
  responses: { 200: json(operationSchema, 'The approved, signed operation'), ...errors(400, 401, 403, 404, 409) },
});

export function registerApproveOperation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const row = await approveOperation(c.get('deps'), { principal: c.get('principal'), requestId: c.get('requestId'), id: c.req.valid('param').id });
    return c.json(operationView(row), 200);
  });
}
