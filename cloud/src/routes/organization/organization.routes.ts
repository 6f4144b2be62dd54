import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerGetOrganization } from './get-organization';
import { registerListMembers } from './list-members';

export function registerOrganizationRoutes(app: OpenAPIHono<AppEnv>): void {
  registerGetOrganization(app);
  registerListMembers(app);
}
