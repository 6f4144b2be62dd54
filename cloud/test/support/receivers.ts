import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Real receivers for notification tests: an SMTP sink (smtp-server) and an HTTP receiver that
 * answers from a script (e.g. 503, 503, 429, then 200). Both record everything they get and let a
 * test wait for the next arrival (event-driven, no polling).
 */

export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  raw: string;
  /** What the sink answered: accepted, or the SMTP code it failed the message with. */
  answer: 'accepted' | number;
}

export interface SmtpSink {
  url: string;
  /** Every DATA the sink got, failed ones included. */
  received: ReceivedMail[];
  accepted(): ReceivedMail[];
  /** Resolves with the next mail the sink accepts. */
  next(predicate?: (m: ReceivedMail) => boolean): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * @param opts.failFirst how many messages to refuse with `451 try again later` before accepting
 * @param opts.auth credentials the sink requires (AUTH over plain text is allowed: loopback only)
 */
export async function startSmtpSink(opts: { failFirst?: number; auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }> = [];
  let failures = opts.failFirst ?? 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? '';
        const mail: ReceivedMail = {
          messageId: header('Message-ID'),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeSubject(header('Subject')),
          raw,
          answer: 'accepted',
        };
        if (failures > 0) {
          failures -= 1;
          mail.answer = 451;
          received.push(mail);
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          return callback(error);
        }
        received.push(mail);
        for (const w of [...waiters]) {
          if (w.predicate(mail)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        }
        return callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const auth = opts.auth ? `${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@` : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    accepted: () => received.filter((m) => m.answer === 'accepted'),
    next: (predicate = () => true) =>
      new Promise((resolve) => {
        waiters.push({ predicate, resolve });
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subjects may arrive MIME-encoded (`=?UTF-8?Q?…?=`). */
function decodeSubject(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s?/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQ(text),
  );
}

function decodeQ(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  at: number;
}

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Requests answered 2xx. */
  delivered(): ReceivedRequest[];
  /** Resolves with the next request answered 2xx that matches. */
  next(predicate?: (r: ReceivedRequest) => boolean): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/**
 * An HTTP receiver (a stand-in for Slack or a webhook endpoint). `script` lists the answers to the
 * first requests, in order; every later request gets 200 `ok`.
 *
 * @example startHttpReceiver({ script: [{ status: 503 }, { status: 429, headers: { 'retry-after': '2' } }] })
 */
export async function startHttpReceiver(opts: { script?: Array<{ status: number; headers?: Record<string, string>; body?: string }> } = {}): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const script = [...(opts.script ?? [])];
  const waiters: Array<{ predicate: (r: ReceivedRequest) => boolean; resolve: (r: ReceivedRequest) => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = script.shift() ?? { status: 200, body: 'ok' };
      const received: ReceivedRequest = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: answer.status, at: Date.now() };
      requests.push(received);
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? (answer.status < 300 ? 'ok' : 'error'));
      if (answer.status >= 200 && answer.status < 300) {
        for (const w of [...waiters]) {
          if (w.predicate(received)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(received);
          }
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    next: (predicate = () => true) => new Promise((resolve) => waiters.push({ predicate, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
