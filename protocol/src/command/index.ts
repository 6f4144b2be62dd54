export * from './actions';
export * from './canonical';
export * from './envelope';
export * from './sign';
export * from './signature-encoding';
export * from './verify';
export * from './updates';
