import type { Context } from 'hono';
import type { Principal } from '../core/auth/principal';
import type { Deps } from '../deps';

/** What every request carries: the ports bundle and a request id (for logs and 500 bodies). */
export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
  };
}

/** Routes behind `requireAuth` also carry the resolved principal. */
export interface AuthedEnv {
  Variables: AppEnv['Variables'] & { principal: Principal };
}

export type AppContext = Context<AppEnv>;
