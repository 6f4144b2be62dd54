import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerAcceptInvitation } from './accept-invitation';
import { registerCreateInvitation } from './create-invitation';
import { registerGetInvitation } from './get-invitation';
import { registerListInvitations } from './list-invitations';
import { registerRevokeInvitation } from './revoke-invitation';

export function registerInvitationRoutes(app: OpenAPIHono<AppEnv>): void {
  registerCreateInvitation(app);
  registerListInvitations(app);
  registerRevokeInvitation(app);
  // `accept` before `{token}`: a POST is never a lookup, but keep the literal path first.
  registerAcceptInvitation(app);
  registerGetInvitation(app);
}
