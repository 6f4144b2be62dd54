export { createAgent, type Agent, type AgentOptions, type AgentStats } from './agent';
export { main } from './main';
export { validateConfig, loadConfigFile } from './config/load';
export type { AgentConfig } from './config/schema';
