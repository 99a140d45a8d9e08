import * as oidc from 'openid-client';
import { SuperOfficeConfigError } from '../errors/superoffice-config-error.js';
import { SuperOfficeError } from '../errors/superoffice-error.js';
import type { SuperOfficeUserConnection } from './connection.js';
import { type SuperOfficeAuth, toSuperOfficeAuthError } from './superoffice-auth.js';

/** Namespace of SuperOffice's id_token claims (superoffice.md §4). */
export const SUPEROFFICE_CLAIMS = 'http://schemes.superoffice.net/identity/';

/** Options for {@link createSuperOfficeAuthorizationRequest}. */
export interface SuperOfficeAuthorizationRequestOptions {
  /** Exactly as registered (loopback ports may vary in the sandbox). */
  redirectUri: string;
  /** Skip the tenant picker: sends `acr_values=tenant:CustNNNN` (superoffice.md §3). */
  tenant?: string;
  /** Pre-fills the SuperID username. */
  loginHint?: string;
  /** Ask for a fresh login with `prompt=login` (undocumented upstream, UNCERTAIN; off by default). */
  forceLogin?: boolean;
  /** `form_post` delivers the code in a POST body. */
  responseMode?: 'query' | 'form_post';
}

/** A started SuperOffice sign-in; keep it until the callback arrives. */
export interface SuperOfficeAuthorizationRequest {
  /** Send the user's browser here. */
  readonly url: string;
  /** The redirect URI used. */
  readonly redirectUri: string;
  /** One-time state bound to this request. */
  readonly state: string;
  /** Nonce the id_token must carry. */
  readonly nonce: string;
  /** PKCE verifier (S256 is always sent explicitly: SuperOffice defaults to `plain`, §3). */
  readonly codeVerifier: string;
}

/** Builds the SuperID authorization URL: code flow, scope `openid`, PKCE **S256 sent explicitly**, state and nonce. */
export async function createSuperOfficeAuthorizationRequest(
  auth: SuperOfficeAuth,
  options: SuperOfficeAuthorizationRequestOptions,
): Promise<SuperOfficeAuthorizationRequest> {
  if (!URL.canParse(options.redirectUri)) {
    throw new SuperOfficeConfigError([{ path: 'redirectUri', message: 'must be an absolute URL' }]);
  }
  if (options.tenant !== undefined && !/^Cust\d+$/.test(options.tenant)) {
    throw new SuperOfficeConfigError([
      { path: 'tenant', message: 'must be a context identifier such as Cust12345' },
    ]);
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: options.redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (options.tenant) parameters.acr_values = `tenant:${options.tenant}`;
  if (options.loginHint) parameters.login_hint = options.loginHint;
  if (options.forceLogin) parameters.prompt = 'login';
  if (options.responseMode === 'form_post') parameters.response_mode = 'form_post';
  return {
    url: oidc.buildAuthorizationUrl(auth.oidc, parameters).href,
    redirectUri: options.redirectUri,
    state,
    nonce,
    codeVerifier,
  };
}

/**
 * Handles the redirect back from SuperID: checks state and nonce, exchanges the code, validates the id_token
 * (issuer, audience, signature via JWKS) and turns its claims into a typed connection (tenant, `webapi_url`,
 * `system_token`, administrator flag, user).
 *
 * @throws `SuperOfficeError`: `permission` when access was denied, `protocol` when the id_token is invalid.
 */
export async function completeSuperOfficeAuthorization(
  auth: SuperOfficeAuth,
  request: SuperOfficeAuthorizationRequest,
  callback: URL | Request,
): Promise<SuperOfficeUserConnection> {
  const context = { clientId: auth.clientId, request: 'callback + POST /login/common/oauth/tokens' };
  const receivedAt = Date.now();
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(auth.oidc, callback, {
      pkceCodeVerifier: request.codeVerifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw toSuperOfficeAuthError(error, context);
  }
  const claims = tokens.claims() ?? {};
  return {
    kind: 'user',
    clientId: auth.clientId,
    ...connectionClaims(claims, context.request),
    tokens: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: receivedAt + (tokens.expiresIn() ?? 3600) * 1000,
    },
  };
}

/** Reads the SuperOffice claims of a validated id_token (superoffice.md §4). */
export function connectionClaims(
  claims: Record<string, unknown>,
  request: string,
): Pick<SuperOfficeUserConnection, 'tenant' | 'webApiUrl' | 'tenantName' | 'systemToken' | 'user'> {
  const claim = (name: string) => {
    const value = claims[`${SUPEROFFICE_CLAIMS}${name}`];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
  };
  const tenant = claim('ctx');
  if (!tenant) {
    throw new SuperOfficeError({
      kind: 'protocol',
      status: 0,
      retryable: false,
      request,
      message: `${request}: the id_token has no ${SUPEROFFICE_CLAIMS}ctx claim (no tenant)`,
      remedy: 'Sign in again and pick a tenant; check that the app is registered for this environment.',
    });
  }
  const associateId = Number(claim('associateid'));
  return {
    tenant,
    webApiUrl: claim('webapi_url')?.replace(/\/+$/, ''),
    tenantName: claim('company_name'),
    systemToken: claim('system_token'),
    user: {
      sub: String(claims.sub ?? ''),
      associateId: Number.isFinite(associateId) ? associateId : undefined,
      email: claim('email') ?? claim('upn'),
      isAdministrator: claim('is_administrator')?.toLowerCase() === 'true',
    },
  };
}

/**
 * Gets a new access token with the refresh token. SuperOffice does not rotate refresh tokens (superoffice.md §3),
 * so the original is kept.
 *
 * @throws `SuperOfficeError` `reauth_required` on `invalid_grant` (consent revoked).
 */
export async function refreshSuperOfficeConnection(
  auth: SuperOfficeAuth,
  connection: SuperOfficeUserConnection,
): Promise<SuperOfficeUserConnection> {
  const context = {
    clientId: auth.clientId,
    tenant: connection.tenant,
    user: connection.user.email,
    request: 'POST /login/common/oauth/tokens (refresh_token)',
  };
  if (!connection.tokens.refreshToken) {
    throw new SuperOfficeError({
      kind: 'reauth_required',
      status: 0,
      retryable: false,
      tenant: connection.tenant,
      request: context.request,
      message: 'The SuperOffice connection has no refresh token',
      remedy: 'Connect again.',
    });
  }
  const receivedAt = Date.now();
  try {
    const tokens = await oidc.refreshTokenGrant(auth.oidc, connection.tokens.refreshToken);
    return {
      ...connection,
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? connection.tokens.refreshToken,
        expiresAt: receivedAt + (tokens.expiresIn() ?? 3600) * 1000,
      },
    };
  } catch (error) {
    throw toSuperOfficeAuthError(error, context);
  }
}
