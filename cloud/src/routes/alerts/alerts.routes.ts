import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerAcknowledgeAlert } from './acknowledge-alert';
import { registerGetAlert } from './get-alert';
import { registerListAlerts } from './list-alerts';
import { registerSilenceAlert } from './silence-alert';

export function registerAlertRoutes(app: OpenAPIHono<AppEnv>): void {
  registerListAlerts(app);
  registerGetAlert(app);
  registerAcknowledgeAlert(app);
  registerSilenceAlert(app);
}
