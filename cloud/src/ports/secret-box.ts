/**
 * Encryption of the few secrets the control plane must be able to read back (a Slack webhook
 * URL, a webhook's signing secret): sealed before they reach the database, opened only at the
 * moment they are used. A database dump, a replica or a stray `SELECT *` shows ciphertext.
 *
 * `context` binds a sealed value to where it belongs (organization, channel): it is authenticated
 * but not stored, so a value copied into another organization's row does not open there.
 */
export interface SecretBox {
  seal(plaintext: string, context: SecretContext): Promise<string>;
  /** Throws when the value was not sealed by this box's keys or under this context. */
  open(sealed: string, context: SecretContext): Promise<string>;
}

export type SecretContext = Readonly<Record<string, string>>;

/** The context as bytes: keys sorted, so `{a, b}` and `{b, a}` are the same context. */
export function contextBytes(context: SecretContext): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((k) => [k, context[k]]);
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}
