import { escape } from 'mysql2';
import { SETTABLE_VARIABLES, type SettableVariable } from '@quorum/protocol';
import { noAdminRefusal } from './admin-account';
import { ActionError, type ActionDefinition } from './types';

/**
 * `SET GLOBAL name = value` as the node's admin account, for the protocol's SETTABLE_VARIABLES
 * only. The name is checked against that list (and its shape) before it goes into SQL — it is
 * the one identifier that cannot be a placeholder — and the value is validated again with the
 * variable's own schema, then escaped. The previous and resulting values are returned.
 */
export const setGlobalVariableAction: ActionDefinition<'set-global-variable'> = {
  name: 'set-global-variable',
  // innodb_buffer_pool_size is resized in the background; SET itself returns quickly.
  timeoutMs: 60_000,
  guard: async (ctx) => noAdminRefusal(ctx.node!),
  async run(ctx) {
    const node = ctx.node!;
    const { name, value } = ctx.params;
    if (!isSettable(name)) throw new ActionError('not_settable', `${String(name)} is not a variable this agent sets`);
    const checked = SETTABLE_VARIABLES[name].safeParse(value);
    if (!checked.success) throw new ActionError('bad_value', `not a valid value for ${name}`);
    const read = async () => (await ctx.deps.query(node, 'admin', `SELECT @@GLOBAL.${name} AS value`))[0]?.value ?? null;
    const previous = await read();
    await ctx.deps.query(node, 'admin', `SET GLOBAL ${name} = ${escape(checked.data)}`);
    return { node: node.name, name, previous, value: await read() };
  },
};

function isSettable(name: string): name is SettableVariable {
  return Object.hasOwn(SETTABLE_VARIABLES, name) && /^[a-z_]+$/.test(name);
}
