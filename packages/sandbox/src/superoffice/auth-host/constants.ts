/**
 * Fixed values of the SuperOffice auth host (SuperID) lookalike: endpoint paths, claim names and defaults, each
 * copied from `superoffice.md`.
 */

/** superoffice.md §1, §3: discovery lives under `/login`, although the issuer is the bare host. */
export const DISCOVERY_PATH = '/login/.well-known/openid-configuration';
/** superoffice.md §3 (discovery `jwks_uri`). */
export const JWKS_PATH = '/login/.well-known/jwks';
/** superoffice.md §3 (discovery `authorization_endpoint`). */
export const AUTHORIZE_PATH = '/login/common/oauth/authorize';
/** superoffice.md §3 (discovery `token_endpoint`). */
export const TOKEN_PATH = '/login/common/oauth/tokens';
/** superoffice.md §3: the revoke call of the official Node sample. */
export const REVOKE_PATH = '/login/common/oauth/Revoke';
/**
 * superoffice.md §3 says an end-session endpoint exists but not where: this path is ours (UNCERTAIN). It is needed
 * when a different user signs in on a browser with a session (oidc-provider logs the old one out first).
 */
export const END_SESSION_PATH = '/login/common/oauth/logout';
/** superoffice.md §5 step 4. */
export const SYSTEM_USER_PATH = '/Login/api/PartnerSystemUser/Authenticate';
/** superoffice.md §2 (State API), followed by the context identifier. */
export const STATE_API_PREFIX = '/api/state/';

/** superoffice.md §4: namespace of the SuperOffice-specific id_token claims. */
export const CLAIM_NAMESPACE = 'http://schemes.superoffice.net/identity/';

/** superoffice.md §4: the SuperOffice claims of the id_token, without the namespace. */
export const IDENTITY_CLAIMS = [
  'ctx',
  'webapi_url',
  'netserver_url',
  'system_token',
  'associateid',
  'email',
  'upn',
  'is_administrator',
  'company_name',
  'serial',
  'identityprovider',
] as const;

/** superoffice.md §5 step 5: issuer of the system-user JWT. */
export const SYSTEM_USER_JWT_ISSUER = 'SuperOffice AS';
/** superoffice.md §5 step 5: the claim holding the ticket. */
export const TICKET_CLAIM = `${CLAIM_NAMESPACE}ticket`;

/** superoffice.md §3: access tokens live 3600 s (the 1200 s of the best-practices page is a test option). */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
/** superoffice.md §3: the authorization code lives 10 minutes. */
export const AUTHORIZATION_CODE_TTL_SECONDS = 600;
/** superoffice.md §2: the sample's `ValidUntil` is about a minute ahead; ours is `now + 60 s` by default. */
export const DEFAULT_STATE_VALID_SECONDS = 60;
/** superoffice.md §5 asks for a timestamp window without giving it: ±5 minutes by default [infer]. */
export const DEFAULT_SYSTEM_TOKEN_SKEW_SECONDS = 300;
/** superoffice.md §5: the JWT's lifetime is UNCERTAIN (samples ignore it); ours expires after an hour. */
export const SYSTEM_USER_JWT_TTL_SECONDS = 3600;

/** superoffice.md §3 ("Consent"): what a normal user is told when the app is not approved on the tenant. */
export function adminMustApproveDescription(appName: string, companyName: string): string {
  return (
    `${appName} is not approved for ${companyName}. An administrator of the tenant must sign in and approve ` +
    'the application first.'
  );
}
