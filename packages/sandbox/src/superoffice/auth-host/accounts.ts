import type { Account, Configuration, GrantSourceToken } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { SuperOfficeSandboxTenant, SuperOfficeSandboxUser, SuperOfficeWorld } from '../world.js';
import { CLAIM_NAMESPACE } from './constants.js';
import type { TenantGrants } from './grants.js';
import { type TenantApiUrl, tenantUrls } from './tenant-urls.js';

/** oidc-provider's account id of a SuperID user: the associate id as a string (it is also `sub`) [infer]. */
export function accountIdOf(user: SuperOfficeSandboxUser): string {
  return String(user.associateId);
}

/** The world user behind an account id, if any. */
export function userOf(world: SuperOfficeWorld, accountId: string): SuperOfficeSandboxUser | undefined {
  return world.users.get(Number(accountId));
}

/**
 * superoffice.md §4: the `http://schemes.superoffice.net/identity/*` claims for a user signed in to a tenant.
 *
 * The reference gives names, not types. SuperOffice issues them from .NET claims, whose values are strings, so
 * they are strings here [infer]: `associateid` is `"5"` and `is_administrator` is `"True"` or `"False"`
 * (`bool.ToString()`). `identityprovider` is `"SuperID"` [infer]; `upn` is the SuperID user name (the e-mail).
 */
export function identityClaims(input: {
  readonly user: SuperOfficeSandboxUser;
  readonly tenant: SuperOfficeSandboxTenant;
  readonly systemToken: string | undefined;
  readonly tenantApiUrl: TenantApiUrl;
}): Record<string, string> {
  const { user, tenant, systemToken } = input;
  const urls = tenantUrls(input.tenantApiUrl, tenant);
  const claims: Record<string, string> = {
    ctx: tenant.ctx,
    webapi_url: urls.webapiUrl,
    netserver_url: urls.netserverUrl,
    associateid: String(user.associateId),
    email: user.email,
    upn: user.email,
    is_administrator: user.isAdministrator ? 'True' : 'False',
    company_name: tenant.name,
    serial: tenant.serial,
    identityprovider: 'SuperID',
    ...(systemToken === undefined ? {} : { system_token: systemToken }),
  };
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [`${CLAIM_NAMESPACE}${name}`, value]),
  );
}

const TOKEN_ENDPOINT_SOURCES = new Set(['AuthorizationCode', 'RefreshToken']);

/** superoffice.md §3: a refresh token is valid while the app's consent exists. */
function grantRevoked(): Error {
  return new errors.CustomOIDCProviderError(
    'invalid_grant',
    'The application is no longer approved for this tenant, or the user left it.',
  );
}

/**
 * oidc-provider's `findAccount`. At the token endpoint (code exchange, refresh) it resolves the tenant of the
 * grant and releases the id_token claims for it; the grant must still be backed by the app's consent on that
 * tenant and the user's membership, else `invalid_grant` (superoffice.md §3: revocation is the failure mode).
 */
export function accountFinder(
  world: SuperOfficeWorld,
  grants: TenantGrants,
  tenantApiUrl: TenantApiUrl,
): NonNullable<Configuration['findAccount']> {
  return (_ctx, sub: string, token: GrantSourceToken | undefined): Account | undefined => {
    const user = userOf(world, sub);
    if (!user) return undefined;
    if (!token || !TOKEN_ENDPOINT_SOURCES.has(token.kind) || token.grantId === undefined) {
      return { accountId: sub, claims: () => ({ sub }) };
    }
    const grant = grants.get(token.grantId);
    const tenant = grant === undefined ? undefined : world.tenants.get(grant.ctx);
    const consent = grant === undefined ? undefined : world.apps.get(grant.clientId)?.consents.get(grant.ctx);
    if (!grant || !tenant || !consent || !user.tenants.includes(grant.ctx)) throw grantRevoked();
    const claims = identityClaims({ user, tenant, systemToken: consent.systemToken, tenantApiUrl });
    return { accountId: sub, claims: () => ({ sub, ...claims }) };
  };
}
