import * as oidc from 'openid-client';
import { VismaError } from '../errors/visma-error.js';
import { connectService, type VismaServiceScope } from './connect-service.js';
import { readAccessTokenClaims, type VismaConnection } from './token-set.js';
import { toVismaAuthError, type VismaAuth } from './visma-auth.js';

/** Extra context for {@link refreshConnection}. */
export interface RefreshConnectionOptions {
  /** A human name for the company, so a remedy can name it rather than only its tenant id. */
  readonly companyName?: string | undefined;
}

/**
 * Gets a new access token for a connection: a refresh-token grant for interactive connections, a new
 * client-credentials token for service connections (they have no refresh token, visma-net.md §2.4).
 *
 * A response without a refresh token keeps the old one ("Re-use" mode); a rotated one replaces it ("One time").
 *
 * @throws `VismaError` `reauth_required` on `invalid_grant`, `permission` on `invalid_tenant`.
 */
export async function refreshConnection(
  auth: VismaAuth,
  connection: VismaConnection,
  options: RefreshConnectionOptions = {},
): Promise<VismaConnection> {
  if (connection.kind === 'service') {
    const scopes = connection.tokens.scopes
      .filter((scope) => scope.startsWith('vismanet_erp_service_api:'))
      .map((scope) => scope.split(':')[1] as VismaServiceScope);
    return connectService(auth, { companyId: connection.companyId, ...(scopes.length ? { scopes } : {}) });
  }
  const context = {
    clientId: connection.clientId,
    companyId: connection.companyId,
    companyName: options.companyName,
    user: connection.user?.email ?? connection.user?.name,
    request: 'POST /connect/token (refresh_token)',
  };
  if (!connection.tokens.refreshToken) {
    throw new VismaError({
      kind: 'reauth_required',
      status: 0,
      retryable: false,
      companyId: connection.companyId,
      message: 'The Visma connection has no refresh token',
      remedy: "Connect again; the app must ask for 'offline_access' to stay connected.",
      request: context.request,
    });
  }
  const receivedAt = Date.now();
  try {
    const tokens = await oidc.refreshTokenGrant(auth.oidc, connection.tokens.refreshToken);
    const claims = readAccessTokenClaims(tokens.access_token);
    return {
      ...connection,
      companyId: claims.tenantId ?? connection.companyId,
      tokens: {
        accessToken: tokens.access_token,
        // Nango #298: a response without refresh_token must not wipe the stored one.
        refreshToken: tokens.refresh_token ?? connection.tokens.refreshToken,
        expiresAt: receivedAt + (tokens.expiresIn() ?? 3600) * 1000,
        issuedAt: receivedAt,
        scopes: tokens.scope ? tokens.scope.split(' ').filter(Boolean) : connection.tokens.scopes,
      },
    };
  } catch (error) {
    throw toVismaAuthError(error, context);
  }
}
