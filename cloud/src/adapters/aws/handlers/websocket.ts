import { awsDeps } from '../deps';
import { createWebSocketHandler } from '../websocket';

// API Gateway WebSocket API: $connect, $disconnect and $default all come here.
export const handler = createWebSocketHandler(awsDeps());
