import { AGENT_VERSION } from '../version';
import { EXIT, type CommandIO } from './io';

export function versionCommand(io: CommandIO): number {
  io.out(`quorum-agent ${AGENT_VERSION}`);
  return EXIT.ok;
}
