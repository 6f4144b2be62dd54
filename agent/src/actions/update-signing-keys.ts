import { KeyChangeError } from '../trust/key-store';
import { ActionError, type ActionDefinition } from './types';

/**
 * Key rotation: pins new control-plane signing keys and retires old ones (from now on their
 * commands are rejected `retired_key`). The command itself passed verification, so it was signed
 * by a key pinned and unretired when it arrived. The new key set is on disk (atomically) before it
 * is used; a change that would leave no usable key changes nothing.
 */
export const updateSigningKeysAction: ActionDefinition<'update-signing-keys'> = {
  name: 'update-signing-keys',
  timeoutMs: 30_000,
  async run(ctx) {
    try {
      const result = await ctx.deps.keys.apply({ add: ctx.params.add, retire: ctx.params.retire });
      ctx.deps.log.info('signing keys changed', { ...result, commandId: ctx.commandId });
      return { ...result };
    } catch (e) {
      if (e instanceof KeyChangeError) throw new ActionError(e.code, e.message);
      throw e;
    }
  },
};
