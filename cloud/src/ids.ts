import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-ordered ids (`clu_01JD3F…`): the prefix tells what an id names in logs and
 * support tickets, the time order keeps inserts at the end of primary-key indexes.
 * 26 Crockford base32 characters: 48 bits of milliseconds + 80 random bits (ULID layout).
 */
export type IdPrefix = 'org' | 'usr' | 'tok' | 'enr' | 'agt' | 'clu' | 'nod' | 'evt' | 'cmd' | 'aud' | 'alr' | 'chn' | 'dlv' | 'rep' | 'bpl' | 'sil' | 'inv';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let random = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      random += ALPHABET[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${prefix}_${time}${random}`;
}

export const ID_PATTERN = /^[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}$/;

const lastIssued = new Map<IdPrefix, string>();

/**
 * Like {@link newId}, but strictly increasing within this process even for ids made in the same
 * millisecond (or while the clock steps back): the random part of the previous id is incremented
 * (ULID's monotonic mode). For rows listed by id whose order must be the order they were written —
 * the audit log.
 */
export function newMonotonicId(prefix: IdPrefix, now: number = Date.now()): string {
  const fresh = newId(prefix, now);
  const last = lastIssued.get(prefix);
  const next = last !== undefined && fresh <= last ? increment(last) : fresh;
  lastIssued.set(prefix, next);
  return next;
}

function increment(id: string): string {
  const chars = id.split('');
  for (let i = chars.length - 1; i > prefixLength(id); i--) {
    const value = ALPHABET.indexOf(chars[i] as string);
    if (value < 31) {
      chars[i] = ALPHABET[value + 1] as string;
      return chars.join('');
    }
    chars[i] = '0';
  }
  throw new Error('newMonotonicId: random part exhausted within one millisecond');
}

const prefixLength = (id: string) => id.indexOf('_') + 10; // "xxx_" + 10 time characters: never carried into
