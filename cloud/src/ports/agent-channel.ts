import type { CloudMessage } from '@quorum/protocol';

/**
 * Sends to a connected agent. Locally it writes to the `ws` socket; on AWS it calls the API
 * Gateway Management API (`PostToConnection`).
 */
export interface AgentChannel {
  /** Resolves false when the connection is gone (the caller forgets it). */
  send(connectionId: string, message: CloudMessage): Promise<boolean>;
  /** Closes the connection with a WebSocket close code and a reason the agent logs. */
  close(connectionId: string, code: number, reason: string): Promise<void>;
}

/** Close codes the cloud uses (4000–4999 are application codes). */
export const CLOSE_CODES = {
  /** Policy violation: malformed or abusive traffic. */
  policy: 1008,
  tooLarge: 1009,
  /** The agent is revoked or unknown: it should stop retrying fast. */
  revoked: 4401,
  /** A newer connection of the same agent replaced this one. */
  replaced: 4409,
} as const;
