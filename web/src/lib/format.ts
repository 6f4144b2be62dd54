/**
 * How the portal writes times, ids and numbers: relative times with the absolute one on hover
 * (in the user's time zone), shortened UUIDs, and values with their units.
 */

const UNITS: Array<[limit: number, divisor: number, unit: Intl.RelativeTimeFormatUnit]> = [
  [45_000, 1000, 'second'],
  [45 * 60_000, 60_000, 'minute'],
  [22 * 3_600_000, 3_600_000, 'hour'],
  [26 * 86_400_000, 86_400_000, 'day'],
  [320 * 86_400_000, 30 * 86_400_000, 'month'],
  [Infinity, 365 * 86_400_000, 'year'],
];

/**
 * "12 s ago", "3 min ago", "in 5 min" — short enough for a phone.
 *
 * @example relativeTime(now - 90_000, now) // "2 min. ago"
 */
export function relativeTime(ms: number, now: number, locale?: string): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 5_000) return 'just now';
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' });
  for (const [limit, divisor, unit] of UNITS) {
    if (abs < limit) return fmt.format(Math.sign(diff) * Math.round(abs / divisor), unit);
  }
  return fmt.format(Math.round(diff / 86_400_000), 'day');
}

/** The full local date and time with its zone, for hover text: "Tue, 3 Dec 2026, 02:14:07 CET". */
export function absoluteTime(ms: number, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

/** A clock time for sentences ("since 02:14:07"); the date too when it is not today. */
export function clockTime(ms: number, now: number, locale?: string, timeZone?: string): string {
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, ...(timeZone ? { timeZone } : {}) };
  const day = (t: number) => new Intl.DateTimeFormat('en-CA', { ...(timeZone ? { timeZone } : {}), dateStyle: 'short' }).format(t);
  if (day(ms) !== day(now)) Object.assign(opts, { month: 'short', day: 'numeric' });
  return new Intl.DateTimeFormat(locale, opts).format(ms);
}

/**
 * A long id cut to something readable; the full value goes in a title and the copy button.
 *
 * @example shortId('6b2f3c1a-90de-11ef-8a57-1b2c3d4e5f60') // "6b2f3c1a…5f60"
 */
export function shortId(id: string, head = 8, tail = 4): string {
  return id.length <= head + tail + 1 ? id : `${id.slice(0, head)}…${id.slice(-tail)}`;
}

/** A number for a table cell or chart axis: 3 significant digits, k/M suffixes. */
export function compactNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}G`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3)}k`;
  if (abs >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return trim(value);
}

function trim(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

/** A value in a metric's unit (protocol/src/metrics.ts): "12.5/s", "40 %", "3.2 ms", "1.2 kB/s". */
export function formatMetric(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case '1/s':
      return `${compactNumber(value)}/s`;
    case 'fraction':
      return `${compactNumber(value * 100)} %`;
    case 's':
      return value < 1 ? `${compactNumber(value * 1000)} ms` : `${compactNumber(value)} s`;
    case 'B/s':
      return `${bytes(value)}/s`;
    default:
      return compactNumber(value);
  }
}

function bytes(v: number): string {
  if (v >= 1024 ** 3) return `${trim(v / 1024 ** 3)} GiB`;
  if (v >= 1024 ** 2) return `${trim(v / 1024 ** 2)} MiB`;
  if (v >= 1024) return `${trim(v / 1024)} KiB`;
  return `${Math.round(v)} B`;
}

/** "node1, node2 and node3". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
