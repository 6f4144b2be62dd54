import { noAdminRefusal } from './admin-account';
import { ActionError, type ActionDefinition } from './types';

/** Threads that belong to the server itself (Galera appliers, the event scheduler): never killed. */
const SYSTEM_USERS = new Set(['system user', 'event_scheduler']);

/**
 * `KILL QUERY id` (ends the running statement) or `KILL CONNECTION id` (ends the session), as the
 * node's admin account. The process id is an integer by the protocol's schema and is checked
 * against the process list first: an unknown id or a server thread is refused.
 */
export const killQueryAction: ActionDefinition<'kill-query'> = {
  name: 'kill-query',
  timeoutMs: 30_000,
  guard: async (ctx) => noAdminRefusal(ctx.node!),
  async run(ctx) {
    const node = ctx.node!;
    const { processId, scope } = ctx.params;
    if (!Number.isSafeInteger(processId) || processId <= 0) throw new ActionError('bad_params', 'processId must be a positive integer');
    const rows = await ctx.deps.query(
      node,
      'admin',
      `SELECT ID, USER, HOST, DB, COMMAND, TIME, LEFT(INFO, 200) AS INFO FROM information_schema.PROCESSLIST WHERE ID = ${processId}`,
    );
    const target = rows[0];
    if (!target) throw new ActionError('no_such_process', `${node.name} has no process ${processId}`);
    if (SYSTEM_USERS.has(String(target.USER))) {
      throw new ActionError('system_thread', `process ${processId} is a server thread (${String(target.USER)}); it is not killed`);
    }
    await ctx.deps.query(node, 'admin', `KILL ${scope === 'connection' ? 'CONNECTION' : 'QUERY'} ${processId}`);
    return {
      node: node.name,
      processId,
      scope,
      killed: { user: target.USER, host: target.HOST, db: target.DB ?? null, command: target.COMMAND, timeS: Number(target.TIME), info: target.INFO ?? null },
    };
  },
};
