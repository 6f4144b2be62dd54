import { api, ApiError } from '$lib/api/client';
import type { PageLoad } from './$types';

/**
 * The invitation behind the link, and who is signed in here (if anyone): the page offers Accept to
 * a signed-in user, a sign-up form to anyone else. A link that cannot be used is explained, not
 * an error page.
 */
export const load: PageLoad = async ({ params }) => {
  const [invitation, me] = await Promise.all([
    api
      .get('/invitations/{token}', { path: { token: params.token } })
      .then((preview) => ({ preview, problem: undefined }))
      .catch((error: unknown) => ({ preview: undefined, problem: problemOf(error) })),
    api.get('/auth/me').catch(() => null),
  ]);
  return { token: params.token, ...invitation, me };
};

export interface InvitationProblem {
  reason: 'unknown' | 'expired' | 'accepted' | 'revoked' | 'other';
  message: string;
}

function problemOf(error: unknown): InvitationProblem {
  const reason = error instanceof ApiError ? (error.details as { reason?: string } | undefined)?.reason : undefined;
  const known = reason === 'unknown' || reason === 'expired' || reason === 'accepted' || reason === 'revoked';
  return { reason: known ? reason : 'other', message: (error as Error).message };
}
