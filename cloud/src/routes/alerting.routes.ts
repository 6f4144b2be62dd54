import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/context';
import { registerAlertRuleRoutes } from './alert-rules/alert-rules.routes';
import { registerAlertRoutes } from './alerts/alerts.routes';
import { registerDeliveryRoutes } from './deliveries/deliveries.routes';
import { registerNotificationChannelRoutes } from './notification-channels/notification-channels.routes';
import { registerSilenceRoutes } from './silences/silences.routes';

/** Everything about alerts: alerts, silences, rules and policy, channels, the delivery log. */
export function registerAlertingRoutes(app: OpenAPIHono<AppEnv>): void {
  registerAlertRoutes(app);
  registerSilenceRoutes(app);
  registerAlertRuleRoutes(app);
  registerNotificationChannelRoutes(app);
  registerDeliveryRoutes(app);
}
