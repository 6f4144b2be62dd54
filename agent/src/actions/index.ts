import { bootstrapClusterAction } from './bootstrap-cluster';
import { cancelCommandAction } from './cancel-command';
import { collectDiagnosticsAction } from './collect-diagnostics';
import { killQueryAction } from './kill-query';
import { recoverPositionAction } from './recover-position';
import { rejoinNodeAction } from './rejoin-node';
import { restartNodeAction } from './restart-node';
import type { Definitions } from './runner';
import { setGlobalVariableAction } from './set-global-variable';
import { startNodeAction } from './start-node';
import { stopNodeAction } from './stop-node';
import { updateSigningKeysAction } from './update-signing-keys';

/** The closed set: one definition per protocol action, checked by the type (a missing one does not compile). */
export const ACTION_DEFINITIONS: Definitions = {
  'start-node': startNodeAction,
  'stop-node': stopNodeAction,
  'restart-node': restartNodeAction,
  'rejoin-node': rejoinNodeAction,
  'bootstrap-cluster': bootstrapClusterAction,
  'recover-position': recoverPositionAction,
  'kill-query': killQueryAction,
  'set-global-variable': setGlobalVariableAction,
  'collect-diagnostics': collectDiagnosticsAction,
  'update-signing-keys': updateSigningKeysAction,
  'cancel-command': cancelCommandAction,
};
