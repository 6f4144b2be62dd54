/** Emails are compared lowercased and trimmed: `Ann@Example.com ` and `ann@example.com` are one user. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
