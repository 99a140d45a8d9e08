import type { SuperOfficeSandboxTenant } from '../world.js';

/** The lead's mapping from a tenant and its current API host to the REST base, e.g. `http://127.0.0.1:P/Cust1/api`. */
export type TenantApiUrl = (ctx: string, hostIndex: number) => string;

/** The URLs of one tenant, as the State API and the id_token publish them (superoffice.md §2, §4). */
export interface TenantUrls {
  /** REST base without a trailing slash (State API `Api`), e.g. `http://127.0.0.1:P/Cust12345/api`. */
  readonly api: string;
  /** The tenant's site without `/api` (State API `Endpoint`). */
  readonly endpoint: string;
  /** REST base with a trailing slash (`webapi_url` claim, superoffice.md §2: `…/Cust26759/api/`). */
  readonly webapiUrl: string;
  /** SOAP base (`netserver_url`): `{Endpoint}/Remote/Services88/` [infer; Services88 per superoffice.md §3]. */
  readonly netserverUrl: string;
}

/** Derives a tenant's URLs from its current host, so a moved tenant is published at its new host. */
export function tenantUrls(tenantApiUrl: TenantApiUrl, tenant: SuperOfficeSandboxTenant): TenantUrls {
  const api = tenantApiUrl(tenant.ctx, tenant.hostIndex).replace(/\/+$/, '');
  const endpoint = api.replace(/\/api$/i, '');
  return { api, endpoint, webapiUrl: `${api}/`, netserverUrl: `${endpoint}/Remote/Services88/` };
}
