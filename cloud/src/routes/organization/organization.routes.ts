import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerGetOrganization } from './get-organization';
import { registerGetPolicy } from './get-policy';
import { registerListMembers } from './list-members';
import { registerPutPolicy } from './put-policy';
import { registerRemoveMember } from './remove-member';
import { registerUpdateMember } from './update-member';

export function registerOrganizationRoutes(app: OpenAPIHono<AppEnv>): void {
  registerGetOrganization(app);
  registerListMembers(app);
  registerUpdateMember(app);
  registerRemoveMember(app);
  registerGetPolicy(app);
  registerPutPolicy(app);
}
