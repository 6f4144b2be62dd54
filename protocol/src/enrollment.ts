import { z } from 'zod';
import { publicKeyBase64Schema, signingPublicKeySchema } from './keys';

/**
 * `POST /api/v1/agents/enroll`: the one HTTP call an agent makes. It trades a single- or N-use
 * enrollment token for an agent identity; the response carries the control plane's signing
 * public keys, which the agent pins and trusts from then on.
 */
export const enrollRequestSchema = z.object({
  token: z.string().min(16).max(256),
  /** The agent's Ed25519 public key, base64 DER SPKI. */
  publicKey: publicKeyBase64Schema,
  hostname: z.string().min(1).max(255),
  version: z.string().min(1).max(64),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({
  agentId: z.string(),
  orgId: z.string(),
  /** Where the agent opens its WebSocket (e.g. `wss://agents.example.com/agent` ). */
  websocketUrl: z.string(),
  signingKeys: z.array(signingPublicKeySchema).min(1),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;
