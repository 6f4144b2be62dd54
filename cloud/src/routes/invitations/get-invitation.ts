import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { pendingInvitation } from '../../core/auth/invitations';
import { RATE_LIMITS } from '../../core/auth/policy';
import { getOrganization } from '../../db/repos/organizations.repo';
import { tenantScope } from '../../db/tenant-scope';
import { notFound } from '../../errors';
import { clientIp } from '../../http/client-ip';
import type { AppEnv } from '../../http/context';
import { errors, json, publicRoute, V1 } from '../../http/openapi';
import { invitationTokenParam, publicInvitationSchema } from './invitation.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/invitations/{token}`,
  tags: ['invitations'],
  summary: 'What an invitation link offers: the organization, the invited email and the role (public)',
  description:
    'The token in the path is the credential. 404 `not_found` with `details.reason` = unknown | expired | accepted | revoked; ' +
    `at most ${RATE_LIMITS.invitationPerIp.limit} such failures per IP in 15 minutes, then 429.`,
  ...publicRoute,
  request: { params: invitationTokenParam },
  responses: { 200: json(publicInvitationSchema, 'The invitation'), ...errors(400, 404, 429) },
});

export function registerGetInvitation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const { token } = c.req.valid('param');
    const invitation = await pendingInvitation(deps.db, token, { ip: clientIp(c), now: deps.clock.now() });
    const org = await getOrganization(deps.db, tenantScope(invitation.orgId));
    if (!org) throw notFound('invitation');
    return c.json({ organizationName: org.name, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.getTime() }, 200);
  });
}
