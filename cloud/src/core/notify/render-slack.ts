import { clusterUrl, headline, statusWord, title, type NotificationDocument, type NotifiedAlert } from './document';

/** Block Kit limits: header text 150, section text 3000, at most 50 blocks. */
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/** Slack mrkdwn needs only these three escaped. */
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const EMOJI: Record<string, string> = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };

function when(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.floor(ms / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${new Date(ms).toISOString()}>`;
}

function line(a: NotifiedAlert): string {
  const nodes = a.nodeNames.length > 0 ? ` — ${a.nodeNames.join(', ')}` : '';
  return cut(`• *${a.severity.toUpperCase()}* ${esc(a.title)}${esc(nodes)}: ${esc(a.summary)}`, 300);
}

/**
 * A Slack incoming-webhook message: a header with severity and what happened, the cluster, the
 * node(s) and since when, the cause, the other alerts of the group, and a button to the cluster's
 * page in the portal. `text` is the notification fallback (phones, screen readers).
 */
export function renderSlack(doc: NotificationDocument, opts: { publicUrl: string; deliveryId: string }): { text: string; blocks: unknown[] } {
  const url = clusterUrl(opts.publicUrl, doc);
  const context = { type: 'context', elements: [{ type: 'mrkdwn', text: `Quorum · delivery \`${opts.deliveryId}\`` }] };
  if (doc.kind === 'test') {
    const text = 'Test notification from Quorum: this channel works.';
    return {
      text,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: ':test_tube: Test notification from Quorum' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'This channel is set up correctly: alerts will arrive here.' } },
        context,
      ],
    };
  }
  const lead = headline(doc);
  const resolved = doc.status === 'resolved';
  const emoji = resolved ? ':white_check_mark:' : (EMOJI[doc.severity] ?? '');
  const heading = `${statusWord(doc)}: ${title(doc)}`;
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: cut(`${emoji} ${heading}`, 150), emoji: true } }];
  if (lead) {
    const nodes = lead.nodeNames.map((n, i) => (lead.nodeAddresses[i] ? `${n} (\`${lead.nodeAddresses[i]}\`)` : n));
    blocks.push({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Severity*\n${lead.severity.toUpperCase()}${resolved ? ' (resolved)' : ''}` },
        { type: 'mrkdwn', text: `*Cluster*\n${esc(doc.cluster?.name ?? '—')}` },
        { type: 'mrkdwn', text: `*Node*\n${cut(esc(nodes.join(', ') || 'whole cluster'), 1900)}` },
        { type: 'mrkdwn', text: `*${resolved ? 'Resolved' : 'Since'}*\n${when(resolved ? lead.resolvedAt : (lead.firedAt ?? lead.startedAt))}` },
      ],
    });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(esc(lead.summary), 3000) } });
    if (lead.cause) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(`*Cause*\n${esc(lead.cause)}`, 3000) } });
    if (resolved && lead.resolvedHint) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(`*Next step*\n${esc(lead.resolvedHint)}`, 3000) } });
  }
  const list = (label: string, alerts: NotifiedAlert[], total: number) => {
    if (total <= 0) return;
    // At most 10 lines, and never so many that "…and N more" would be cut off.
    let text = `*${label} (${total})*`;
    let shown = 0;
    for (const a of alerts.slice(0, 10)) {
      const next = `${text}\n${line(a)}`;
      if (next.length > 2900) break;
      text = next;
      shown += 1;
    }
    if (total > shown) text += `\n…and ${total - shown} more`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  };
  if (resolved) list('Also resolved', doc.resolved.slice(1), doc.resolvedCount - 1);
  else {
    list('Also firing', doc.firing.slice(1), doc.firingCount - 1);
    list('Resolved', doc.resolved, doc.resolvedCount);
  }
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: cut(`Open ${doc.cluster?.name ?? 'Quorum'} in Quorum`, 75) }, url, ...(resolved ? {} : { style: 'danger' }) }],
  });
  blocks.push(context);
  const text = cut(`${heading}${lead ? ` — ${lead.summary}` : ''}`, 3000);
  return { text, blocks };
}
