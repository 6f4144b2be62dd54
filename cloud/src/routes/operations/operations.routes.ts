import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerApproveOperation } from './approve-operation';
import { registerCancelOperation } from './cancel-operation';
import { registerCreateClusterOperation } from './create-cluster-operation';
import { registerCreateNodeOperation } from './create-node-operation';
import { registerGetOperation } from './get-operation';
import { registerListClusterOperations } from './list-cluster-operations';

export function registerOperationRoutes(app: OpenAPIHono<AppEnv>): void {
  registerCreateClusterOperation(app);
  registerCreateNodeOperation(app);
  registerListClusterOperations(app);
  registerGetOperation(app);
  registerCancelOperation(app);
  registerApproveOperation(app);
}
