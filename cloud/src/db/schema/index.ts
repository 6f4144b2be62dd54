export * from './identity';
export * from './telemetry';
export * from './alerts';
