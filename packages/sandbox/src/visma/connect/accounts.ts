import type { Account, Configuration, GrantSourceToken } from 'oidc-provider';
import type { VismaSandboxUser, VismaWorld } from '../world.js';
import type { ConnectStore } from './store.js';
import { invalidTenant } from './tenants.js';

/** Identity claims released for the granted scopes (visma-net.md §2.3; `sub` is the immutable user id, §2.7). */
export function userClaims(user: VismaSandboxUser, scope: string): Record<string, unknown> {
  const scopes = new Set(scope.split(' '));
  return {
    sub: user.sub,
    ...(scopes.has('profile') ? { name: user.name } : {}),
    ...(scopes.has('email') ? { email: user.email, email_verified: true } : {}),
  };
}

const TOKEN_ENDPOINT_SOURCES = new Set(['AuthorizationCode', 'RefreshToken']);

/**
 * oidc-provider's `findAccount`: users come from the world.
 *
 * visma-net.md §2.9 (token endpoint row): when a code is exchanged or a refresh token used, the user must still
 * hold API User on the company picked at sign-in, else 400 `invalid_tenant`. The provider looks the account up
 * before it spends the refresh token, so the check here leaves the token usable once the role is back.
 */
export function accountFinder(
  world: VismaWorld,
  store: ConnectStore,
): NonNullable<Configuration['findAccount']> {
  return (_ctx, sub: string, token: GrantSourceToken | undefined): Account | undefined => {
    const user = world.users.get(sub);
    if (!user) return undefined;
    if (token && TOKEN_ENDPOINT_SOURCES.has(token.kind) && token.grantId !== undefined) {
      const tenantId = store.grantTenant(token.grantId);
      if (tenantId !== undefined && !world.hasRole(sub, tenantId, 'API User')) throw invalidTenant();
    }
    return { accountId: sub, claims: (_use, scope) => userClaims(user, scope) };
  };
}
