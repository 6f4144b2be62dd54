import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { findMemberRole } from '../../db/repos/memberships.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { setSessionOrganization } from '../../db/repos/sessions.repo';
import { tenantScope } from '../../db/tenant-scope';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { meSchema } from './auth.schemas';
import { meView } from './me-view';
import { requireSession } from './require-session';

const body = z.object({ orgId: z.string().min(1).max(40) }).strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/auth/switch-organization`,
  tags: ['auth'],
  summary: 'Make another organization the session’s active one (you must be a member)',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: { 200: json(meSchema, 'The caller, now in that organization'), ...errors(400, 401, 403, 404) },
});

export function registerSwitchOrganization(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = requireSession(c.get('principal'));
    const { orgId } = c.req.valid('json');
    // Not a member is "not found": the answer must not confirm that the organization exists.
    const role = await findMemberRole(deps.db, tenantScope(orgId), principal.userId);
    if (!role) throw notFound('organization');
    await deps.db.transaction(async (tx) => {
      await setSessionOrganization(tx, principal.sessionHash, orgId);
      // Recorded in the organization entered (the one whose data the session now reaches).
      await recordAudit(tx, tenantScope(orgId), {
        actor: { kind: 'user', id: principal.userId },
        action: 'session.switch_organization',
        target: { type: 'organization', id: orgId },
        details: { from: principal.orgId },
        requestId: c.get('requestId'),
        at: deps.clock.now(),
      });
    });
    return c.json(await meView(deps, { ...principal, orgId, role }), 200);
  });
}
