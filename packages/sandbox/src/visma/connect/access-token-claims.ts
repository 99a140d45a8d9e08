import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { VismaWorld } from '../world.js';
import { IDENTITY_SCOPES } from './constants.js';
import type { ConnectStore } from './store.js';
import { assertServiceScopes, serviceTokenTenant } from './tenants.js';

type ExtraTokenClaims = NonNullable<Configuration['extraTokenClaims']>;
type JwtCustomizer = NonNullable<NonNullable<NonNullable<Configuration['formats']>['customizers']>['jwt']>;

const IDENTITY = new Set(IDENTITY_SCOPES);

/** The authorization code or refresh token the access token is being issued from. */
function grantSource(ctx: KoaContextWithOIDC) {
  return ctx.oidc.entities.RefreshToken ?? ctx.oidc.entities.AuthorizationCode;
}

/**
 * Claims added to access tokens (oidc-provider's `extraTokenClaims`; they cannot override standard claims).
 *
 * - Client credentials: only Service API scopes ({@link assertServiceScopes}); `tenant_id` from the `tenant_id`
 *   form field, checked as Visma does ({@link serviceTokenTenant}; visma-net.md §2.4, §2.9, §2.10).
 * - Interactive: `tenant_id` = the Company picked at sign-in, only when the `tenants` scope was requested
 *   (§2.7); `auth_time` (§2.7: "interactive tokens also carry sub, auth_time and sid"; no `sid` here, as
 *   oidc-provider only tracks one for back-channel logout clients).
 */
export function extraTokenClaims(world: VismaWorld, store: ConnectStore): ExtraTokenClaims {
  return (ctx, token) => {
    if (token.kind === 'ClientCredentials') {
      const clientId = ctx.oidc.client?.clientId ?? '';
      assertServiceScopes(ctx.oidc.body?.scope);
      return { tenant_id: serviceTokenTenant(world, clientId, ctx.oidc.body?.tenant_id) };
    }
    if (token.kind !== 'AccessToken') return undefined;
    const source = grantSource(ctx);
    const claims: Record<string, unknown> = {};
    if (source?.authTime !== undefined) claims.auth_time = source.authTime;
    const tenantId = token.grantId === undefined ? undefined : store.grantTenant(token.grantId);
    const requested = new Set(source?.scope?.split(' ') ?? []);
    if (tenantId !== undefined && requested.has('tenants')) claims.tenant_id = tenantId;
    return claims;
  };
}

/**
 * Last touch on every JWT access token (oidc-provider's `formats.customizers.jwt`).
 *
 * - Interactive tokens list the identity scopes too (IdentityServer style, as Visma Connect's `/connect/*`
 *   endpoints are), so `/connect/userinfo` can tell which claims to release; oidc-provider alone would only list
 *   the API scopes.
 * - Every user token is recorded in the world, so `world.revokeGrants()` can kill it at the API lookalike.
 */
export function jwtCustomizer(world: VismaWorld): JwtCustomizer {
  return (ctx, token, { payload }) => {
    if (token.kind !== 'AccessToken') return;
    const identity = (grantSource(ctx)?.scope ?? '').split(' ').filter((scope) => IDENTITY.has(scope));
    const api = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    payload.scope = [...new Set([...identity, ...api])].join(' ');
    const { jti, client_id: clientId, sub } = payload;
    if (typeof jti === 'string' && typeof clientId === 'string' && typeof sub === 'string') {
      world.recordAccessToken(jti, clientId, sub);
    }
  };
}
