import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerListAudit } from './list-audit';

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>): void {
  registerListAudit(app);
}
