export * from './identity';
export * from './telemetry';
export * from './aws';
export * from './commands';
export * from './audit';
export * from './alerts';
