export * from './identity';
export * from './telemetry';
export * from './commands';
export * from './audit';
