import * as oidc from 'openid-client';
import { VismaConfigError } from '../errors/visma-config-error.js';
import { isTenantId } from '../options.js';
import { readAccessTokenClaims, type VismaConnection } from './token-set.js';
import { toVismaAuthError, type VismaAuth } from './visma-auth.js';

/** Scopes of the Service API (visma-net.md §2.3). */
export type VismaServiceScope = 'read' | 'create' | 'update' | 'delete';

/** What {@link connectService} needs. */
export interface ConnectServiceOptions {
  /** The Company tenant id the app was approved for in the Visma App Store. */
  companyId: string;
  /** Least privilege: a read-only sync needs only `read` (default: all four). */
  scopes?: readonly VismaServiceScope[];
}

/**
 * Service API sign-in (client credentials): one token for one company, chosen by `tenant_id` in the token request
 * (visma-net.md §2.4). There is no refresh token; call it again when the token expires.
 *
 * @throws `VismaError` of kind `permission` (`invalid_tenant`: the app is not approved for the company) or
 * `reauth_required` (`invalid_client`).
 */
export async function connectService(
  auth: VismaAuth,
  options: ConnectServiceOptions,
): Promise<VismaConnection> {
  if (!isTenantId(options.companyId)) {
    throw new VismaConfigError([{ path: 'companyId', message: 'must be the Company tenant id (a GUID)' }]);
  }
  if (!auth.options.clientSecret) {
    throw new VismaConfigError([
      { path: 'clientSecret', message: 'is required for the Service API (client credentials)' },
    ]);
  }
  const companyId = options.companyId.toLowerCase();
  const scopes = (options.scopes ?? ['read', 'create', 'update', 'delete']).map(
    (s) => `vismanet_erp_service_api:${s}`,
  );
  const requestedAt = Date.now();
  try {
    const response = await oidc.clientCredentialsGrant(auth.oidc, {
      scope: scopes.join(' '),
      tenant_id: companyId,
    });
    const claims = readAccessTokenClaims(response.access_token);
    return {
      kind: 'service',
      clientId: auth.options.clientId,
      companyId: claims.tenantId ?? companyId,
      tokens: {
        accessToken: response.access_token,
        expiresAt: requestedAt + (response.expiresIn() ?? 3600) * 1000,
        issuedAt: requestedAt,
        scopes: (response.scope ?? scopes.join(' ')).split(' ').filter(Boolean),
      },
    };
  } catch (error) {
    throw toVismaAuthError(error, {
      clientId: auth.options.clientId,
      companyId,
      request: 'POST /connect/token (client_credentials)',
    });
  }
}
