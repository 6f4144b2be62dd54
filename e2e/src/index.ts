export { Stack, writeAgentConfig, type StackOptions, type ClusterView, type ClusterNodeView } from './stack';
export { ApiClient, ApiError } from './api-client';
export { AgentProcess, runAgentCommand, AGENT_BIN } from './agent-process';
export { waitFor } from './wait';
