/**
 * Fixed values of the Visma Connect lookalike: the API audience, the scopes and the error texts it copies.
 */

/** visma-net.md §1: the token audience shown in the Developer Portal; also our resource indicator. */
export const VISMA_API_AUDIENCE = 'https://api.finance.visma.net/erp/service';

/** visma-net.md §2.3: identity scopes. `tenants` puts `tenant_id` into interactive access tokens (§2.7). */
export const IDENTITY_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'tenants', 'offline_access'];

/** visma-net.md §2.3: scopes of the Interactive API (web apps). */
export const INTERACTIVE_API_SCOPES: readonly string[] = [
  'vismanet_erp_interactive_api:read',
  'vismanet_erp_interactive_api:create',
  'vismanet_erp_interactive_api:update',
  'vismanet_erp_interactive_api:delete',
];

/** visma-net.md §2.3: scopes of the Service API (service apps, client credentials). */
export const SERVICE_API_SCOPES: readonly string[] = [
  'vismanet_erp_service_api:read',
  'vismanet_erp_service_api:create',
  'vismanet_erp_service_api:update',
  'vismanet_erp_service_api:delete',
];

/** visma-net.md §2.8: access tokens live 3600 s. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;

/** visma-net.md §2.9: the text Visma Connect sends with `invalid_tenant`. */
export const INVALID_TENANT_DESCRIPTION =
  'The application user or subscription is not entitled to use the API. Please ensure the license allows API ' +
  'access and that the user has been given the necessary roles.';

/** visma-net.md §2.9 ("Sign-in" row): the user can sign in, but no company can be picked. */
export const NO_API_COMPANY_DESCRIPTION =
  'The user does not have the API User role on any Visma.net Financials company, so no company can be selected.';
