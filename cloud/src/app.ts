import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from './deps';
import { limitBody } from './http/body-limit';
import type { AppEnv } from './http/context';
import { errorHandler } from './http/error-handler';
import { notFoundHandler } from './http/not-found';
import { registerOpenApiDocument, V1 } from './http/openapi';
import { requestContext } from './http/request-id';
import { validationHook } from './http/validation';
import { registerAgentRoutes } from './routes/agents/agents.routes';
import { registerAuditRoutes } from './routes/audit/audit.routes';
import { registerBootstrapPlanRoutes } from './routes/bootstrap-plans/bootstrap-plans.routes';
import { registerAlertingRoutes } from './routes/alerting.routes';
import { registerApiTokenRoutes } from './routes/api-tokens/api-tokens.routes';
import { registerAuthRoutes } from './routes/auth/auth.routes';
import { registerClusterRoutes } from './routes/clusters/clusters.routes';
import { registerEnrollmentTokenRoutes } from './routes/enrollment-tokens/enrollment-tokens.routes';
import { registerInvitationRoutes } from './routes/invitations/invitations.routes';
import { registerNodeRoutes } from './routes/nodes/nodes.routes';
import { registerOperationRoutes } from './routes/operations/operations.routes';
import { registerOrganizationRoutes } from './routes/organization/organization.routes';
import { registerHealth } from './routes/system/health';

/**
 * The whole HTTP API as one Hono app: `app.fetch(Request) → Response`. The local host serves it
 * with @hono/node-server, the AWS host with hono/aws-lambda; tests call `app.request()`.
 * Every route is a `createRoute` + `app.openapi` pair, so validation and the OpenAPI document
 * (`GET /api/v1/openapi.json`) come from the same schemas.
 */
export function buildApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestContext(deps));
  // HSTS only where the deployment is https (it would pin a plain-http dev host otherwise).
  app.use(`${V1}/*`, secureHeaders({ strictTransportSecurity: deps.config.secureCookies }), async (c, next) => {
    await next();
    // API answers are per-user: never let a shared cache keep one.
    c.header('Cache-Control', 'no-store');
  });
  app.use(`${V1}/*`, limitBody);

  registerHealth(app);
  registerAuthRoutes(app);
  registerOrganizationRoutes(app);
  registerInvitationRoutes(app);
  registerApiTokenRoutes(app);
  registerEnrollmentTokenRoutes(app);
  registerAgentRoutes(app);
  registerClusterRoutes(app);
  registerNodeRoutes(app);
  registerOperationRoutes(app);
  registerBootstrapPlanRoutes(app);
  registerAuditRoutes(app);
  registerAlertingRoutes(app);
  registerOpenApiDocument(app);

  app.notFound(notFoundHandler(app));
  app.onError(errorHandler);
  return app;
}

export type App = ReturnType<typeof buildApp>;
