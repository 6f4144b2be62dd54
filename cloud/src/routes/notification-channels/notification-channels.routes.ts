import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerCreateChannel } from './create-channel';
import { registerDeleteChannel } from './delete-channel';
import { registerListChannels } from './list-channels';
import { registerTestChannel } from './test-channel';
import { registerUpdateChannel } from './update-channel';

export function registerNotificationChannelRoutes(app: OpenAPIHono<AppEnv>): void {
  registerListChannels(app);
  registerCreateChannel(app);
  registerUpdateChannel(app);
  registerDeleteChannel(app);
  registerTestChannel(app);
}
