/**
 * Limits of the agent ↔ cloud channel. They are those of API Gateway WebSocket APIs, which the
 * AWS deployment uses, so an agent that lives within them works against both hosts.
 */

/** Largest message either side may send, serialized as UTF-8 JSON (API Gateway: 128 KB). */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/** Largest WebSocket frame (API Gateway: 32 KB); bigger messages are sent as fragments. */
export const MAX_FRAME_BYTES = 32 * 1024;

/** API Gateway closes a connection idle for 10 minutes; heartbeats keep it well inside that. */
export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

/** API Gateway ends every connection after 2 hours; the agent reconnects before that. */
export const MAX_CONNECTION_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** How often the agent sends a heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 30 * 1000;

/** How far apart the agent's and the cloud's clocks may be for a connect credential. */
export const MAX_CLOCK_SKEW_MS = 60 * 1000;

/** Byte length of a string once encoded as UTF-8 (what the limits above count). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
