import * as oidc from 'openid-client';
import { VismaConfigError } from '../errors/visma-config-error.js';
import { VismaError } from '../errors/visma-error.js';
import { readAccessTokenClaims, type VismaConnection } from './token-set.js';
import { toVismaAuthError, type VismaAuth } from './visma-auth.js';

/** Interactive API scopes (visma-net.md §2.3). */
export type VismaInteractiveScope = 'read' | 'create' | 'update' | 'delete';

/** Identity scopes always asked for: `tenants` puts the chosen company in the token, `offline_access` a refresh token. */
export const VISMA_IDENTITY_SCOPES = ['openid', 'profile', 'email', 'tenants', 'offline_access'] as const;

/** Options for {@link createAuthorizationRequest}. */
export interface AuthorizationRequestOptions {
  /** Exactly as registered in the Developer Portal (loopback ports may vary for native apps, RFC 8252). */
  redirectUri: string;
  /** ERP scopes to ask for (default all four). */
  scopes?: readonly VismaInteractiveScope[];
  /**
   * Force a fresh login even when the browser is still signed in as someone else (default true): sends
   * `prompt=login consent` and `max_age=0`, and the callback then checks `auth_time`. This replaces the old advice
   * to "use a private window".
   */
  forceLogin?: boolean;
  /** Pre-fills the sign-in form with this e-mail. */
  loginHint?: string;
  /** `form_post` makes Visma Connect POST the code to the redirect URI instead of a query string. */
  responseMode?: 'query' | 'form_post';
}

/** A started sign-in. Keep it (server-side, bound to the user's browser) until the callback arrives. */
export interface AuthorizationRequest {
  /** Send the user's browser here. */
  readonly url: string;
  /** The redirect URI the request was built with; the callback must arrive on exactly this URI. */
  readonly redirectUri: string;
  /** One-time `state` sent to Visma Connect; the callback is refused unless it echoes this value (CSRF guard). */
  readonly state: string;
  /** One-time OIDC `nonce`; the ID token must carry it, so a replayed token is refused. */
  readonly nonce: string;
  /** PKCE S256 verifier, sent with the code exchange. Secret: keep it server-side, never in the browser. */
  readonly codeVerifier: string;
  /** Epoch seconds when the request was made; a forced login must have `auth_time` at or after it. */
  readonly requestedAt: number;
  /** Whether a fresh login was demanded (`prompt=login consent`, `max_age=0`); if so the callback checks `auth_time`. */
  readonly forceLogin: boolean;
}

/**
 * Builds the Visma Connect authorization URL: code flow with PKCE S256, a one-time state and nonce, the identity
 * scopes plus the `vismanet_erp_interactive_api:*` scopes, and a forced fresh login unless told otherwise.
 */
export async function createAuthorizationRequest(
  auth: VismaAuth,
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  if (!URL.canParse(options.redirectUri)) {
    throw new VismaConfigError([{ path: 'redirectUri', message: 'must be an absolute URL' }]);
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const forceLogin = options.forceLogin ?? true;
  const scopes = (options.scopes ?? ['read', 'create', 'update', 'delete']).map(
    (scope) => `vismanet_erp_interactive_api:${scope}`,
  );
  const parameters: Record<string, string> = {
    redirect_uri: options.redirectUri,
    scope: [...VISMA_IDENTITY_SCOPES, ...scopes].join(' '),
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  // OIDC Core §11: a prompt without `consent` drops offline_access, so a forced login sends both.
  if (forceLogin) Object.assign(parameters, { prompt: 'login consent', max_age: '0' });
  if (options.loginHint) parameters.login_hint = options.loginHint;
  if (options.responseMode === 'form_post') parameters.response_mode = 'form_post';
  return {
    url: oidc.buildAuthorizationUrl(auth.oidc, parameters).href,
    redirectUri: options.redirectUri,
    state,
    nonce,
    codeVerifier,
    requestedAt: Math.floor(Date.now() / 1000),
    forceLogin,
  };
}

/** Options for {@link completeAuthorization}. */
export interface CompleteAuthorizationOptions {
  /** Refuse the result unless the user picked this company (Company tenant id). */
  expectedCompanyId?: string;
}

/**
 * Handles the redirect back from Visma Connect: checks state, nonce, issuer and, after a forced login, that
 * `auth_time` is not older than the request; exchanges the code; and returns the company-bound connection.
 *
 * @param callback - The callback URL (query mode) or the incoming POST `Request` (form_post mode).
 * @throws `VismaError`: `permission` when the user denied access or has no API User role, `tenant` when the token
 *   names no company or another one than expected, `reauth_required` for a stale or replayed callback.
 */
export async function completeAuthorization(
  auth: VismaAuth,
  request: AuthorizationRequest,
  callback: URL | Request,
  options: CompleteAuthorizationOptions = {},
): Promise<VismaConnection> {
  const context = {
    clientId: auth.options.clientId,
    request: 'GET callback / POST /connect/token (authorization_code)',
  };
  const receivedAt = Date.now();
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    // openid-client derives redirect_uri from the callback URL without its query: it must be the registered one.
    tokens = await oidc.authorizationCodeGrant(auth.oidc, callback, {
      pkceCodeVerifier: request.codeVerifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw toVismaAuthError(error, context);
  }
  const idClaims = tokens.claims();
  const authTime = typeof idClaims?.auth_time === 'number' ? idClaims.auth_time : undefined;
  if (request.forceLogin && (authTime === undefined || authTime < request.requestedAt)) {
    throw new VismaError({
      kind: 'reauth_required',
      status: 0,
      retryable: false,
      message: `Visma Connect reused an earlier sign-in (auth_time ${authTime ?? 'missing'}) although a fresh login was required`,
      remedy: 'Sign out of Visma in this browser (or use the sign-out link), then connect again.',
      request: context.request,
    });
  }
  const claims = readAccessTokenClaims(tokens.access_token);
  const user = {
    sub: String(idClaims?.sub ?? claims.sub ?? ''),
    email: typeof idClaims?.email === 'string' ? idClaims.email : undefined,
    name: typeof idClaims?.name === 'string' ? idClaims.name : undefined,
  };
  if (!claims.tenantId) {
    throw new VismaError({
      kind: 'tenant',
      status: 0,
      retryable: false,
      message: 'The Visma access token names no company (no tenant_id claim)',
      remedy:
        "Ask for the 'tenants' scope and enable tenant_id as a claim for the app in the Visma Developer Portal, then connect again.",
      request: context.request,
    });
  }
  const expected = options.expectedCompanyId?.toLowerCase();
  if (expected && claims.tenantId !== expected) {
    throw new VismaError({
      kind: 'tenant',
      status: 0,
      retryable: false,
      companyId: expected,
      message: `Signed in to company ${claims.tenantId}, but company ${expected} was expected`,
      remedy: `Connect again and pick company ${expected} in the Visma company picker; ${user.email ?? 'the user'} needs the 'API User' role there.`,
      request: context.request,
    });
  }
  return {
    kind: 'interactive',
    clientId: auth.options.clientId,
    companyId: claims.tenantId,
    user,
    tokens: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: receivedAt + (tokens.expiresIn() ?? 3600) * 1000,
      issuedAt: receivedAt,
      scopes: (tokens.scope ?? claims.scope ?? '').split(' ').filter(Boolean),
    },
  };
}
