export { authenticateConnect, type ConnectRejection, type ConnectResult } from './authenticate-connect';
export { createConnectionContext, type ConnectionContext } from './connection-context';
export { handleDisconnect } from './handle-disconnect';
export { handleMessage } from './handle-message';
export { DEFAULT_GATEWAY_LIMITS, type GatewayLimits } from './limits';
