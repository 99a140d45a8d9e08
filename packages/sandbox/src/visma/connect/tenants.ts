import { errors } from 'oidc-provider';
import type { VismaWorld } from '../world.js';
import { INVALID_TENANT_DESCRIPTION, SERVICE_API_SCOPES } from './constants.js';

/** visma-net.md §2.9: HTTP 400 `{"error":"invalid_tenant","error_description":"The application user ..."}`. */
export function invalidTenant(): Error {
  return new errors.CustomOIDCProviderError('invalid_tenant', INVALID_TENANT_DESCRIPTION);
}

/**
 * The `tenant_id` a client-credentials token is issued for (visma-net.md §2.4, §2.5, §2.10).
 *
 * - Missing → 400 `invalid_request` naming `tenant_id` (§2.4: "`tenant_id` selects the company").
 * - A Company tenant id where an Integration Administrator approved the app → that id.
 * - The Customer tenant id of a company where the app is approved → that id too: Visma Connect issues the token,
 *   and the API then answers 401 (§2.10, the documented trap).
 * - Anything else (unknown, or not approved) → 400 `invalid_tenant` (§2.9).
 */
export function serviceTokenTenant(world: VismaWorld, clientId: string, raw: unknown): string {
  const requested = typeof raw === 'string' ? raw.trim() : '';
  if (requested === '') {
    throw new errors.InvalidRequest("missing required parameter 'tenant_id'");
  }
  const app = world.apps.get(clientId);
  const found = world.companyByAnyTenantId(requested);
  if (!app || !found) throw invalidTenant();
  if (!found.isCustomerTenant) {
    if (!app.approvedTenants.has(found.company.tenantId)) throw invalidTenant();
    return found.company.tenantId;
  }
  const customerTenantId = found.company.customerTenantId;
  const approvedSomewhere = [...world.companies.values()].some(
    (company) => company.customerTenantId === customerTenantId && app.approvedTenants.has(company.tenantId),
  );
  if (!approvedSomewhere) throw invalidTenant();
  return customerTenantId;
}

/**
 * visma-net.md §10 ("validate the scopes against the app's registration"): a client-credentials request may only
 * ask for Service API scopes; anything else is 400 `invalid_scope` (oidc-provider alone would drop it silently).
 */
export function assertServiceScopes(raw: unknown): void {
  const requested = typeof raw === 'string' ? raw.split(' ').filter(Boolean) : [];
  const unknown = requested.filter((scope) => !SERVICE_API_SCOPES.includes(scope));
  if (unknown.length > 0) {
    throw new errors.InvalidScope('requested scope is not allowed for this application', unknown.join(' '));
  }
}
