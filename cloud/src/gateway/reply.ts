import type { ChannelErrorCode, CloudMessage } from '@quorum/protocol';
import type { Deps } from '../deps';
import type { ConnectionContext } from './connection-context';
import { errorSummary } from '../jobs/error-summary';

/** Sends a message to the connection; a connection already gone is not an error here. */
export async function reply(deps: Pick<Deps, 'agentChannel' | 'log'>, ctx: ConnectionContext, message: CloudMessage): Promise<void> {
  try {
    await deps.agentChannel.send(ctx.connectionId, message);
  } catch (error) {
    deps.log.warn('reply to agent failed', { connectionId: ctx.connectionId, type: message.type, error: errorSummary(error) });
  }
}

export function replyError(
  deps: Pick<Deps, 'agentChannel' | 'log'>,
  ctx: ConnectionContext,
  code: ChannelErrorCode,
  message: string,
  batchId?: string,
): Promise<void> {
  return reply(deps, ctx, { type: 'error', code, message, ...(batchId ? { batchId } : {}) });
}

/** Closes the connection (once); messages still arriving on it are ignored. */
export async function closeConnection(
  deps: Pick<Deps, 'agentChannel' | 'log'>,
  ctx: ConnectionContext,
  code: number,
  reason: string,
): Promise<void> {
  if (ctx.closed) return;
  ctx.closed = true;
  deps.log.warn('closing agent connection', { orgId: ctx.orgId, agentId: ctx.agentId, connectionId: ctx.connectionId, code, reason });
  try {
    await deps.agentChannel.close(ctx.connectionId, code, reason);
  } catch (error) {
    deps.log.warn('closing agent connection failed', { connectionId: ctx.connectionId, error: errorSummary(error) });
  }
}
