/**
 * What the API shows of a secret: enough to recognise it, never enough to use it. A Slack webhook
 * URL is itself a credential (anyone with it can post), so it is masked like a password.
 *
 * @example maskUrl('https://hooks.slack.com/services/T0/B0/abcdefgh1234') // 'https://hooks.slack.com/…1234'
 */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const rest = `${u.pathname}${u.search}`;
    return `${u.protocol}//${u.host}/…${rest.length > 8 ? rest.slice(-4) : ''}`;
  } catch {
    return '…';
  }
}

/** `whsec_…a1b2` */
export function maskSecret(secret: string): string {
  const prefix = /^[a-z]+_/.exec(secret)?.[0] ?? '';
  return `${prefix}…${secret.length > 12 ? secret.slice(-4) : ''}`;
}
