import { redirect } from '@sveltejs/kit';
import { api, ApiError } from '$lib/api/client';
import type { LayoutLoad } from './$types';

// Every signed-in page needs to know who is calling; without a session, log in and come back.
export const load: LayoutLoad = async ({ url }) => {
  try {
    return { me: await api.get('/auth/me') };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw error;
  }
};
