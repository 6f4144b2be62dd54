import { clusterUrl, headline, statusWord, title, type NotificationDocument, type NotifiedAlert } from './document';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const utc = (ms: number | null) => (ms === null ? '—' : `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`);

function item(a: NotifiedAlert): string {
  return `- ${a.severity.toUpperCase()} ${a.title}${a.nodeNames.length ? ` — ${a.nodeNames.join(', ')}` : ''}: ${a.summary}`;
}

/** One email per notification: a subject that says it all, a plain-text body and the same as simple HTML. */
export function renderEmail(doc: NotificationDocument, opts: { publicUrl: string; deliveryId: string; channelName: string }): RenderedEmail {
  const url = clusterUrl(opts.publicUrl, doc);
  const footer = `Quorum · delivery ${opts.deliveryId} · notification channel "${opts.channelName}"`;
  if (doc.kind === 'test') {
    const text = `This is a test notification from Quorum: the channel "${opts.channelName}" works, alerts will arrive here.\n\n${footer}\n`;
    return { subject: '[Quorum] Test notification', text, html: `<p>${esc(text.split('\n\n')[0]!)}</p><p style="color:#666">${esc(footer)}</p>` };
  }
  const lead = headline(doc);
  const resolved = doc.status === 'resolved';
  const subject = `[Quorum] ${statusWord(doc)}: ${title(doc)}`.slice(0, 250);
  const facts: Array<[string, string]> = lead
    ? [
        ['Severity', `${lead.severity.toUpperCase()}${resolved ? ' (resolved)' : ''}`],
        ['Cluster', doc.cluster?.name ?? '—'],
        ['Node', lead.nodeNames.map((n, i) => (lead.nodeAddresses[i] ? `${n} (${lead.nodeAddresses[i]})` : n)).join(', ') || 'whole cluster'],
        [resolved ? 'Resolved' : 'Since', utc(resolved ? lead.resolvedAt : (lead.firedAt ?? lead.startedAt))],
      ]
    : [];
  const sections: Array<[string, string[]]> = [];
  const others = resolved ? doc.resolved.slice(1) : doc.firing.slice(1);
  const othersTotal = (resolved ? doc.resolvedCount : doc.firingCount) - 1;
  if (othersTotal > 0) sections.push([`${resolved ? 'Also resolved' : 'Also firing'} (${othersTotal})`, [...others.map(item), ...(othersTotal > others.length ? [`…and ${othersTotal - others.length} more`] : [])]]);
  if (!resolved && doc.resolvedCount > 0) sections.push([`Resolved (${doc.resolvedCount})`, doc.resolved.map(item)]);

  const text = [
    `${statusWord(doc)} — ${title(doc)}`,
    '',
    lead?.summary ?? '',
    ...(lead?.cause ? ['', `Cause: ${lead.cause}`] : []),
    ...(resolved && lead?.resolvedHint ? ['', `Next step: ${lead.resolvedHint}`] : []),
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...sections.flatMap(([h, lines]) => ['', `${h}:`, ...lines]),
    '',
    `Open in Quorum: ${url}`,
    '',
    footer,
    '',
  ].join('\n');
  const colour = resolved ? '#1a7f37' : doc.severity === 'critical' ? '#cf222e' : doc.severity === 'warning' ? '#9a6700' : '#0969da';
  const html = [
    `<h2 style="color:${colour};font-family:sans-serif">${esc(statusWord(doc))} — ${esc(title(doc))}</h2>`,
    `<p style="font-family:sans-serif">${esc(lead?.summary ?? '')}</p>`,
    lead?.cause ? `<p style="font-family:sans-serif"><b>Cause:</b> ${esc(lead.cause)}</p>` : '',
    resolved && lead?.resolvedHint ? `<p style="font-family:sans-serif"><b>Next step:</b> ${esc(lead.resolvedHint)}</p>` : '',
    `<table style="font-family:sans-serif">${facts.map(([k, v]) => `<tr><td><b>${esc(k)}</b></td><td>${esc(v)}</td></tr>`).join('')}</table>`,
    ...sections.map(([h, lines]) => `<h3 style="font-family:sans-serif">${esc(h)}</h3><ul style="font-family:sans-serif">${lines.map((l) => `<li>${esc(l.replace(/^- /, ''))}</li>`).join('')}</ul>`),
    `<p style="font-family:sans-serif"><a href="${esc(url)}">Open ${esc(doc.cluster?.name ?? 'Quorum')} in Quorum</a></p>`,
    `<p style="font-family:sans-serif;color:#666;font-size:12px">${esc(footer)}</p>`,
  ].join('\n');
  return { subject, text, html };
}
