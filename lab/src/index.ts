export { GaleraLab } from './lab';
export type {
  AttachOptions,
  ControlAction,
  CreateOptions,
  LabNodeStatus,
  RecoverResult,
  StartOptions,
  StopOptions,
  WaitOptions,
} from './types';
export { ensureGaleraInstalled, missingGaleraPieces } from './install';
export type { LabNode, NodePorts } from './layout';
export { LAB_ROOT, MAX_NODES, MAX_SLOTS, nodeAddress, nodePorts } from './layout';
export type { Grastate } from './grastate';
export { judgeCluster, CHECK_EXIT_CODES } from './check';
export type { CheckResult, CheckVerdict } from './check';
export type { Position } from './recover';
export { formatStatusTable } from './status-table';
