import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerDeleteAlertRule } from './delete-alert-rule';
import { registerListAlertRules } from './list-alert-rules';
import { registerNotificationPolicy } from './notification-policy';
import { registerPutAlertRule } from './put-alert-rule';

export function registerAlertRuleRoutes(app: OpenAPIHono<AppEnv>): void {
  registerListAlertRules(app);
  registerPutAlertRule(app);
  registerDeleteAlertRule(app);
  registerNotificationPolicy(app);
}
