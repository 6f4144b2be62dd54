import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-ordered ids (`clu_01JD3F…`): the prefix tells what an id names in logs and
 * support tickets, the time order keeps inserts at the end of primary-key indexes.
 * 26 Crockford base32 characters: 48 bits of milliseconds + 80 random bits (ULID layout).
 */
export type IdPrefix = 'org' | 'usr' | 'tok' | 'enr' | 'agt' | 'clu' | 'nod' | 'evt' | 'cmd' | 'aud' | 'alr' | 'chn' | 'dlv' | 'rep' | 'sil';

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
