import type { MailMessage } from '../../ports/mailer';
import type { Role } from './roles';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WHAT_THE_ROLE_MAY_DO: Record<Role, string> = {
  viewer: 'see the clusters, their alerts and operations',
  operator: 'see everything and acknowledge alerts, restart nodes and run rolling restarts',
  admin: 'do what operators do, plus bootstraps, agents, channels and members',
  owner: 'do everything, including managing owners',
};

/**
 * The email that carries an invitation link. The link is the credential (single use, for this
 * address only, 7 days): it goes to the invitee and nowhere else — never into logs.
 *
 * @example
 * invitationEmail({ to: 'ana@example.com', organization: 'Acme Shop', role: 'operator', invitedBy: 'lee@example.com', url, expiresAt })
 */
export function invitationEmail(opts: {
  invitationId: string;
  to: string;
  organization: string;
  role: Role;
  invitedBy: string | undefined;
  url: string;
  expiresAt: number;
}): MailMessage {
  const by = opts.invitedBy ? `${opts.invitedBy} invited you` : 'You are invited';
  const until = `${new Date(opts.expiresAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  const lead = `${by} to join ${opts.organization} on Quorum as ${opts.role}: you will be able to ${WHAT_THE_ROLE_MAY_DO[opts.role]}.`;
  const text = [
    lead,
    '',
    `Accept: ${opts.url}`,
    '',
    `The link works once, for ${opts.to} only, until ${until}. If you did not expect it, ignore this email.`,
    '',
  ].join('\n');
  const html = [
    `<p style="font-family:sans-serif">${esc(lead)}</p>`,
    `<p style="font-family:sans-serif"><a href="${esc(opts.url)}">Accept the invitation</a></p>`,
    `<p style="font-family:sans-serif;color:#666">The link works once, for ${esc(opts.to)} only, until ${esc(until)}. If you did not expect it, ignore this email.</p>`,
  ].join('\n');
  const host = (() => {
    try {
      return new URL(opts.url).hostname || 'quorum';
    } catch {
      return 'quorum';
    }
  })();
  return { to: [opts.to], subject: `[Quorum] Join ${opts.organization} as ${opts.role}`.slice(0, 250), text, html, messageId: `<${opts.invitationId}@${host}>` };
}
