/** Per-connection limits of the agent gateway; tests may tighten them. */
export interface GatewayLimits {
  /** A connection's liveness is written at most this often (not on every heartbeat). */
  touchEveryMs: number;
  /** Invalid messages tolerated within `invalidWindowMs` before the connection is closed. */
  maxInvalidMessages: number;
  invalidWindowMs: number;
  /** Messages of any kind tolerated within `rateWindowMs` (a sustained flood is closed). */
  maxMessagesPerWindow: number;
  rateWindowMs: number;
  /** Batches waiting for their ack on one connection; more are refused with `rate_limited`. */
  maxPendingBatches: number;
}

export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = {
  touchEveryMs: 15_000,
  maxInvalidMessages: 10,
  invalidWindowMs: 60_000,
  // 300 messages/s sustained for 10 s: far above an agent replaying its spool while it waits for
  // acks, far below what could starve other connections.
  maxMessagesPerWindow: 3_000,
  rateWindowMs: 10_000,
  maxPendingBatches: 64,
};
