import type { SuperOfficeSandboxTenant, SuperOfficeWorld } from '../world.js';
import { soError } from './errors.js';

/**
 * The checks a tenant host makes before authentication: does the tenant exist, is this its host, is it running.
 */

/** The tenant a path's `{ctx}` names (case-insensitive), or 404. */
export function tenantOf(world: SuperOfficeWorld, ctx: string): SuperOfficeSandboxTenant {
  const lower = ctx.toLowerCase();
  const tenant = [...world.tenants.values()].find((t) => t.ctx.toLowerCase() === lower);
  if (!tenant) throw soError(404, 'SoTenantNotFoundException', `No tenant with context identifier ${ctx}`);
  return tenant;
}

/** superoffice.md §1 "421 since 2023-11-17": a tenant called on a host other than its current one. */
export function checkHost(tenant: SuperOfficeSandboxTenant, hostIndex: number): void {
  if (tenant.hostIndex !== hostIndex)
    throw soError(421, 'MisdirectedRequest', 'Wrong subdomain used to access tenant', {
      extra: { ContextIdentifier: tenant.ctx },
    });
}

/**
 * superoffice.md §2: only Running and OnlineMaintenance serve the API. What a stopped tenant's host answers is a
 * GAP; the stand-in answers **503** with the §15 body plus `State` (the State API name) and `IsRunning: false`, so a
 * client can tell "tenant unavailable" (Suspended, Deleted…) from a transient outage and re-check the State API.
 */
export function checkRunning(world: SuperOfficeWorld, tenant: SuperOfficeSandboxTenant): void {
  if (world.isRunning(tenant.ctx)) return;
  throw soError(
    503,
    'SoTenantNotRunningException',
    `Tenant ${tenant.ctx} is not running (state ${tenant.state})`,
    {
      extra: { ContextIdentifier: tenant.ctx, State: tenant.state, IsRunning: false },
    },
  );
}
