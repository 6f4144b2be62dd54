import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../core/audit/actor';
import { currentRole } from '../../core/auth/current-role';
import { memberChangeRefusal } from '../../core/auth/member-rules';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { recordAudit } from '../../db/repos/audit.repo';
import { countOwners, findMember, updateMemberRole } from '../../db/repos/memberships.repo';
import { getOrganization, lockOrganization } from '../../db/repos/organizations.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { roleSchema } from '../auth/auth.schemas';
import { memberSchema, memberView, userIdParam } from './member.schemas';

const body = z.object({ role: roleSchema }).strict();

const route = createRoute({
  method: 'patch',
  path: `${V1}/organization/members/{userId}`,
  tags: ['organization'],
  summary: 'Change a member’s role (admin); it applies to their sessions and API tokens at once',
  description:
    'Only an owner may make someone an owner or change an owner’s role (403); the last owner cannot be demoted ' +
    '(409, `details.reason` = last_owner).',
  ...authenticated,
  request: { params: userIdParam, body: jsonBody(body) },
  responses: { 200: json(memberSchema, 'The member now'), ...errors(400, 401, 403, 404, 409, 413, 415) },
});

export function registerUpdateMember(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const { userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const scope = scopeOf(principal);
    const now = deps.clock.now();
    const member = await deps.db.transaction(async (tx) => {
      // Under the organization's lock, so the owner count cannot change until this commits.
      if (!(await lockOrganization(tx, scope))) throw notFound('organization');
      const found = await findMember(tx, scope, userId);
      if (!found) throw notFound('member');
      if (found.role === role) return found;
      const org = await getOrganization(tx, scope);
      const refusal = memberChangeRefusal({
        actorRole: await currentRole(tx, scope, principal),
        self: principal.kind === 'user' && principal.userId === userId,
        from: found.role,
        to: role,
        owners: await countOwners(tx, scope),
        email: found.email,
        organization: org?.name ?? scope.orgId,
      });
      if (refusal) throw refusal;
      await updateMemberRole(tx, scope, userId, role);
      await recordAudit(tx, scope, {
        actor: actorOf(principal),
        action: 'member.role_change',
        target: { type: 'user', id: userId },
        details: { email: found.email, before: found.role, after: role },
        requestId: c.get('requestId'),
        at: now,
      });
      return { ...found, role };
    });
    deps.log.info('member role changed', { orgId: scope.orgId, userId, role });
    return c.json(memberView(member), 200);
  });
}
