import { agentMessageSchema, parseMessage, type Batch, type ChannelErrorCode } from '@quorum/protocol';
import type { Deps } from '../deps';
import { CLOSE_CODES } from '../ports/agent-channel';
import { enqueue, type ConnectionContext } from './connection-context';
import { handleHello } from './handle-hello';
import { closeConnection, reply, replyError } from './reply';
import { touchIfDue } from './touch';
import { errorSummary } from '../jobs/error-summary';

type GatewayDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'agentChannel' | 'queue' | 'signer'>;

/**
 * Handles one message an agent sent on its connection; every answer goes out through
 * `deps.agentChannel`. Resolves once the message has been handled (for a batch: acked or refused).
 *
 * - `hello` → inventory stored, `welcome`. Anything else before it → `hello_required`.
 * - `heartbeat` → `heartbeat-ack` at once (never queued behind batches).
 * - `batch` → put on the ingest queue, then `ack`. The queue's contract is that `send` resolves
 *   only once the batch is durable, so an ack always means "stored, or sure to be"; if the queue
 *   refuses, the agent gets `internal` with the batch id and sends it again.
 * - Invalid → `error` with a code and a message naming the field. Too many invalid messages, or
 *   too many messages, and the connection is closed with 1008.
 */
export async function handleMessage(deps: GatewayDeps, ctx: ConnectionContext, raw: string): Promise<void> {
  if (ctx.closed) return;
  const now = deps.clock.now();
  const flood = ctx.guard.noteMessage(now);
  if (flood) return closeConnection(deps, ctx, CLOSE_CODES.policy, flood);

  const parsed = parseMessage(raw, agentMessageSchema);
  if (!parsed.ok) return refuse(deps, ctx, now, parsed.code, parsed.message, parsed.batchId);
  const message = parsed.message;
  const touching = touchIfDue(deps, ctx, now);
  switch (message.type) {
    case 'hello':
      ctx.helloReceived = true;
      await enqueue(ctx, () => handleHello(deps, ctx, message));
      break;
    case 'heartbeat':
      if (!ctx.helloReceived) return refuse(deps, ctx, now, 'hello_required', 'send hello before anything else');
      await reply(deps, ctx, { type: 'heartbeat-ack', sentAt: message.sentAt, serverTime: now });
      break;
    case 'batch':
      if (!ctx.helloReceived) return refuse(deps, ctx, now, 'hello_required', 'send hello before batches', message.batchId);
      if (ctx.pendingBatches >= ctx.limits.maxPendingBatches) {
        await replyError(deps, ctx, 'rate_limited', `more than ${ctx.limits.maxPendingBatches} batches awaiting acks: resend it later`, message.batchId);
        break;
      }
      ctx.pendingBatches += 1;
      await enqueue(ctx, () => handleBatch(deps, ctx, message, now)).finally(() => {
        ctx.pendingBatches -= 1;
      });
      break;
  }
  await touching;
}

async function handleBatch(deps: GatewayDeps, ctx: ConnectionContext, batch: Batch, receivedAt: number): Promise<void> {
  if (ctx.helloAt === null) {
    await replyError(deps, ctx, 'hello_required', 'the hello failed: send hello again, then the batch', batch.batchId);
    return;
  }
  try {
    await deps.queue.send('ingest', { orgId: ctx.orgId, agentId: ctx.agentId, receivedAt, batch });
  } catch (error) {
    deps.log.error('ingest queue refused a batch', { orgId: ctx.orgId, agentId: ctx.agentId, batchId: batch.batchId, error: errorSummary(error) });
    await replyError(deps, ctx, 'internal', 'the batch was not stored: send it again', batch.batchId);
    return;
  }
  await reply(deps, ctx, { type: 'ack', batchId: batch.batchId, duplicate: false });
}

/** Answers an invalid message with a typed error and closes the connection if they keep coming. */
async function refuse(
  deps: GatewayDeps,
  ctx: ConnectionContext,
  now: number,
  code: ChannelErrorCode,
  message: string,
  batchId?: string,
): Promise<void> {
  await replyError(deps, ctx, code, message, batchId);
  const abuse = ctx.guard.noteInvalid(now);
  if (abuse) await closeConnection(deps, ctx, CLOSE_CODES.policy, abuse);
}
