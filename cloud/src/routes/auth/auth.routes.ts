import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerGetMe } from './get-me';
import { registerLogin } from './login';
import { registerLogout } from './logout';
import { registerSignup } from './signup';
import { registerSwitchOrganization } from './switch-organization';

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>): void {
  registerSignup(app);
  registerLogin(app);
  registerLogout(app);
  registerGetMe(app);
  registerSwitchOrganization(app);
}
