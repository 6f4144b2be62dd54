import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets handed to clients: 32 random bytes, base64url, with a prefix that says what they are
 * (secret scanners and support can recognise a leaked `qrm_` token). Only their SHA-256 is
 * stored: a database leak yields nothing usable, and a 256-bit random secret needs no salt or
 * slow hash.
 */
export const TOKEN_PREFIXES = {
  /** API tokens for automation (`Authorization: Bearer qrm_…`). */
  apiToken: 'qrm_',
  /** Enrollment tokens an agent trades for its identity. */
  enrollment: 'qre_',
  /** Invitations to join an organization (the link `<portal>/invitations/qri_…`). */
  invitation: 'qri_',
  /** Portal session cookies (no prefix: never typed or pasted). */
  session: '',
} as const;

export function generateSecret(kind: keyof typeof TOKEN_PREFIXES): string {
  return `${TOKEN_PREFIXES[kind]}${randomBytes(32).toString('base64url')}`;
}

/** Hex SHA-256, the form secrets are stored and looked up in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two hex hashes without leaking where they differ. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `qri_` + 43 base64url characters: anything else is not worth a database lookup. */
export const INVITATION_TOKEN_PATTERN = /^qri_[A-Za-z0-9_-]{43}$/;

/** `qrm_` + 43 base64url characters. */
export const API_TOKEN_PATTERN = /^qrm_[A-Za-z0-9_-]{43}$/;
