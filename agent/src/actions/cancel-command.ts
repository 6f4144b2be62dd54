import type { ActionDefinition } from './types';

/**
 * Asks a running command of this agent to stop at its next safe point (between steps, or in a
 * wait; a running control command is killed). The stopped command ends as failed `cancelled`;
 * this one succeeds and says whether there was anything to cancel.
 */
export const cancelCommandAction: ActionDefinition<'cancel-command'> = {
  name: 'cancel-command',
  timeoutMs: 5_000,
  async run(ctx) {
    const outcome = ctx.deps.cancel(ctx.params.commandId, `command ${ctx.commandId}`);
    return { commandId: ctx.params.commandId, ...outcome };
  },
};
