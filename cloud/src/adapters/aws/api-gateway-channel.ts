import {
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
  type ApiGatewayManagementApiClient,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { encodeMessage, type CloudMessage } from '@quorum/protocol';
import type { Database } from '../../db/client';
import { errorSummary } from '../../jobs/error-summary';
import type { AgentChannel } from '../../ports/agent-channel';
import type { Logger } from '../../ports/logger';
import { forgetConnectionById } from './connection-state';

/**
 * The AWS AgentChannel: messages go to an agent through the API Gateway Management API
 * (`POST /@connections/{id}`), from whichever Lambda holds them — the WebSocket handler answering
 * a message, the HTTP API pushing a command, a scheduled job. A connection API Gateway no longer
 * has (`GoneException`, 410) is forgotten at once: its row, and the agent's `connected` flag if
 * it was the agent's last.
 *
 * `close` is `DeleteConnection`. API Gateway closes the socket with its own close frame, so the
 * application close code (4401 revoked, 4409 replaced, 1008 policy) does not reach the agent on
 * AWS: it reconnects, and a revoked agent is then refused at `$connect` with 401.
 */
export class ApiGatewayAgentChannel implements AgentChannel {
  readonly #client: Pick<ApiGatewayManagementApiClient, 'send'>;
  readonly #db: Database;
  readonly #log: Logger;

  constructor(opts: { client: Pick<ApiGatewayManagementApiClient, 'send'>; db: Database; log: Logger }) {
    this.#client = opts.client;
    this.#db = opts.db;
    this.#log = opts.log;
  }

  async send(connectionId: string, message: CloudMessage): Promise<boolean> {
    try {
      await this.#client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(encodeMessage(message), 'utf8') }));
      return true;
    } catch (error) {
      if (!isGone(error)) throw error;
      await this.#forget(connectionId);
      return false;
    }
  }

  async close(connectionId: string, code: number, reason: string): Promise<void> {
    this.#log.debug('deleting agent connection', { connectionId, code, reason });
    try {
      await this.#client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    } catch (error) {
      if (!isGone(error)) throw error;
      await this.#forget(connectionId);
    }
  }

  async #forget(connectionId: string): Promise<void> {
    try {
      const forgotten = await forgetConnectionById(this.#db, connectionId);
      if (forgotten) this.#log.info('agent connection gone: forgotten', { connectionId });
    } catch (error) {
      // The offline job drops the row once it has been silent long enough.
      this.#log.warn('forgetting a gone agent connection failed', { connectionId, error: errorSummary(error) });
    }
  }
}

function isGone(error: unknown): boolean {
  return error instanceof GoneException || (error as { name?: unknown } | null)?.name === 'GoneException';
}
