import type { Refusal } from '../guard/guard';
import type { NodeTarget } from './types';

/** kill-query and set-global-variable need the node's admin account; the monitoring one stays read-only. */
export function noAdminRefusal(node: NodeTarget): Refusal | undefined {
  if (node.config.admin) return undefined;
  return {
    code: 'no_admin_credentials',
    message: `${node.name} has no admin account configured (clusters.*.nodes.*.admin); the monitoring account is read-only by design`,
  };
}
