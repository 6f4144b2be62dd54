import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerCreateSilence } from './create-silence';
import { registerDeleteSilence } from './delete-silence';
import { registerListSilences } from './list-silences';

export function registerSilenceRoutes(app: OpenAPIHono<AppEnv>): void {
  registerListSilences(app);
  registerCreateSilence(app);
  registerDeleteSilence(app);
}
