import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerCreateApiToken } from './create-api-token';
import { registerListApiTokens } from './list-api-tokens';
import { registerRevokeApiToken } from './revoke-api-token';

export function registerApiTokenRoutes(app: OpenAPIHono<AppEnv>): void {
  registerCreateApiToken(app);
  registerListApiTokens(app);
  registerRevokeApiToken(app);
}
