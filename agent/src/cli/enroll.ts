import {
  enrollRequestSchema,
  enrollResponseSchema,
  generateEd25519KeyPair,
  importPublicKey,
  type EnrollRequest,
  type EnrollResponse,
} from '@quorum/protocol';
import { agentHostname } from '../hello';
import { identityExists, identityPath, saveIdentity, type Identity } from '../trust/identity-store';
import { AGENT_VERSION } from '../version';
import { EXIT, type CommandIO } from './io';
import { resolveStateDir } from './state-dir';

export interface EnrollOptions {
  url: string;
  token: string;
  config?: string | undefined;
  stateDir?: string | undefined;
  force: boolean;
  timeoutMs?: number;
}

/**
 * `quorum-agent enroll`: generates the agent's Ed25519 key pair, trades the enrollment token for
 * an agent identity (`POST {url}/api/v1/agents/enroll`), pins the control plane's signing keys and
 * stores it all in `<stateDir>/identity.json` (0600). Nothing is written unless enrollment succeeded.
 */
export async function enrollCommand(options: EnrollOptions, io: CommandIO): Promise<number> {
  const base = parseBaseUrl(options.url);
  if (!base) {
    io.err(`quorum-agent: --url must be an http:// or https:// URL, got "${options.url}"`);
    return EXIT.usage;
  }
  if (!enrollRequestSchema.shape.token.safeParse(options.token).success) {
    io.err('quorum-agent: --token does not look like an enrollment token (16 to 256 characters)');
    return EXIT.usage;
  }
  const stateDir = await resolveStateDir({ stateDir: options.stateDir, config: options.config }, io);
  if (stateDir === undefined) return EXIT.usage;
  if (!options.force && (await identityExists(stateDir))) {
    io.err(`quorum-agent: ${identityPath(stateDir)} already exists: this agent is already enrolled. Use --force to enroll again.`);
    return EXIT.failure;
  }

  const keys = generateEd25519KeyPair();
  const request: EnrollRequest = { token: options.token, publicKey: keys.publicKey, hostname: agentHostname(), version: AGENT_VERSION };
  const endpoint = new URL('api/v1/agents/enroll', base).toString();
  const reply = await postJson(endpoint, request, options.timeoutMs ?? 15_000);
  if (!reply.ok) {
    io.err(`quorum-agent: enrollment failed: ${reply.error}`);
    return EXIT.failure;
  }
  const response = checkResponse(reply.body);
  if (typeof response === 'string') {
    io.err(`quorum-agent: enrollment failed: the control plane's answer is not usable: ${response}`);
    return EXIT.failure;
  }

  const identity: Identity = {
    agentId: response.agentId,
    orgId: response.orgId,
    url: base.toString().replace(/\/$/, ''),
    websocketUrl: response.websocketUrl,
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    signingKeys: response.signingKeys,
    enrolledAt: new Date().toISOString(),
  };
  try {
    const path = await saveIdentity(stateDir, identity, { force: options.force });
    io.out(`Enrolled as agent ${identity.agentId} (organization ${identity.orgId}).`);
    io.out(`Identity stored in ${path} (mode 0600); pinned ${identity.signingKeys.length} signing key(s): ${identity.signingKeys.map((k) => k.keyId).join(', ')}.`);
    io.out('Next: write the configuration and start the agent (quorum-agent check, then quorum-agent run).');
    return EXIT.ok;
  } catch (e) {
    io.err(`quorum-agent: enrolled as ${identity.agentId}, but the identity could not be stored: ${(e as Error).message}`);
    return EXIT.failure;
  }
}

function parseBaseUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<{ ok: true; body: unknown } | { ok: false; error: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: `cannot reach ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}` };
  }
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.status !== 201 && res.status !== 200) {
    const err = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const message = typeof err?.message === 'string' ? err.message : text.slice(0, 200) || res.statusText;
    const code = typeof err?.code === 'string' ? `${err.code}, ` : '';
    return { ok: false, error: `${message} (${code}HTTP ${res.status})` };
  }
  if (json === undefined) return { ok: false, error: `the answer (HTTP ${res.status}) is not JSON` };
  return { ok: true, body: json };
}

/** The validated response, or why it cannot be used. */
function checkResponse(body: unknown): EnrollResponse | string {
  const parsed = enrollResponseSchema.safeParse(body);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  if (!/^wss?:\/\//.test(parsed.data.websocketUrl)) return `websocketUrl must be a ws:// or wss:// URL, got "${parsed.data.websocketUrl}"`;
  for (const key of parsed.data.signingKeys) {
    try {
      importPublicKey(key.publicKey);
    } catch {
      return `signing key "${key.keyId}" is not a valid public key`;
    }
  }
  return parsed.data;
}
