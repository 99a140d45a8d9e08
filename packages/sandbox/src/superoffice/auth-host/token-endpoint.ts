import type { KoaContextWithOIDC } from 'oidc-provider';
import type { SuperOfficeWorld } from '../world.js';
import { TOKEN_PATH } from './constants.js';
import type { TenantGrants } from './grants.js';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

/**
 * Wraps oidc-provider's token endpoint so the client gets SuperOffice's tokens (superoffice.md §3):
 *
 * - The access token is an opaque reference token `8A:CustNNNN.…` from `world.newAccessToken(ctx)`, recorded
 *   in the world for the tenant API. oidc-provider's own opaque access token is swapped out of the response
 *   (it stays unused in the store: SuperOffice has no userinfo or introspection that would read it). Swapping
 *   after the fact keeps oidc-provider's code, PKCE, client-auth and refresh checks untouched.
 * - Refreshing returns a new access token and id_token but no `refresh_token`: it is not rotated, and the
 *   original keeps working (superoffice.md §3, PHP SDK: `refresh_token = null`).
 * - `scope` is dropped to match the documented response `{token_type, access_token, expires_in,
 *   refresh_token, id_token}`.
 */
export function tokenEndpointWrapper(world: SuperOfficeWorld, grants: TenantGrants): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== TOKEN_PATH || ctx.method !== 'POST' || ctx.status !== 200) return;
    const body = ctx.body;
    if (!body || typeof body !== 'object' || !('access_token' in body)) return;
    const tokens = body as Record<string, unknown>;
    const { AuthorizationCode: code, RefreshToken: refreshToken } = ctx.oidc.entities;
    const source = code ?? refreshToken;
    const grant = source?.grantId === undefined ? undefined : grants.get(source.grantId);
    const associateId = Number(source?.accountId);
    if (!source?.grantId || !grant || !Number.isInteger(associateId)) {
      // Cannot happen: findAccount already refused grants we do not know.
      ctx.status = 500;
      ctx.body = { error: 'server_error', error_description: 'Unknown grant' };
      return;
    }
    const expiresIn = typeof tokens.expires_in === 'number' ? tokens.expires_in : 3600;
    const accessToken = world.newAccessToken(grant.ctx);
    grants.addAccessToken(source.grantId, accessToken, {
      kind: 'user',
      ctx: grant.ctx,
      clientId: grant.clientId,
      associateId,
      expiresAt: Date.now() + expiresIn * 1000,
    });
    tokens.access_token = accessToken;
    tokens.expires_in = expiresIn;
    delete tokens.scope;
    if (!code) delete tokens.refresh_token;
  };
}
