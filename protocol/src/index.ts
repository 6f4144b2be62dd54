export * from './limits';
export * from './galera-status';
export * from './metrics';
export * from './messages';
export * from './keys';
export * from './credential';
export * from './enrollment';
export * from './command/index';
