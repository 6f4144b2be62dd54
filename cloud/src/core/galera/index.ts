export { assessCluster, type AssessInput, type AssessOutput } from './assess';
export { isEmptyClusterAddress } from './components';
export type * from './types';
