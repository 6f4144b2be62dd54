import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerCreateEnrollmentToken } from './create-enrollment-token';
import { registerListEnrollmentTokens } from './list-enrollment-tokens';
import { registerRevokeEnrollmentToken } from './revoke-enrollment-token';

export function registerEnrollmentTokenRoutes(app: OpenAPIHono<AppEnv>): void {
  registerCreateEnrollmentToken(app);
  registerListEnrollmentTokens(app);
  registerRevokeEnrollmentToken(app);
}
