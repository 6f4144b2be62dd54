import type { ActorKind } from '../../db/schema/audit';
import type { Principal } from '../auth/principal';

/** Who an audit row names as having acted. */
export interface Actor {
  kind: ActorKind;
  id: string;
}

/** The actor of an API request: the person, or the API token (its creator is in the details). */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'user' ? { kind: 'user', id: principal.userId } : { kind: 'api_token', id: principal.tokenId };
}

/** The person behind a principal: a user, or an API token's creator (approvals need two of them). */
export function personOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.createdBy;
}

/** The `issuedBy` of a command envelope: the user id or the API token id. */
export function issuerOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.tokenId;
}

export const SYSTEM_ACTOR = (job: string): Actor => ({ kind: 'system', id: `system:${job}` });
