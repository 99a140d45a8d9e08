import type { AdapterConstructor } from 'oidc-provider';
import type { SuperOfficePrincipal, SuperOfficeWorld } from '../world.js';

/** What one oidc-provider grant stands for: one app, one tenant, and the access tokens handed out under it. */
export interface TenantGrant {
  /** The app the grant was given to. */
  readonly clientId: string;
  /** The tenant picked (or named by `acr_values`) at sign-in; refreshes stay on it. */
  readonly ctx: string;
  /** World access tokens issued under this grant, with their principals (so Revoke can expire them). */
  readonly accessTokens: Map<string, SuperOfficePrincipal>;
}

/**
 * The tenant of each grant, next to oidc-provider's own models (kept by the Visma lookalike's `ConnectStore`,
 * reused as-is through its adapter class). A grant is one sign-in of one user to one app on one tenant;
 * destroying it (Revoke, revoked consent) makes its refresh token answer `invalid_grant` (superoffice.md §3).
 */
export class TenantGrants {
  readonly #byId = new Map<string, TenantGrant>();
  readonly #grantOfAccessToken = new Map<string, string>();
  readonly #adapter: AdapterConstructor;
  readonly #world: SuperOfficeWorld;

  constructor(world: SuperOfficeWorld, adapter: AdapterConstructor) {
    this.#world = world;
    this.#adapter = adapter;
  }

  /** Remembers the app and tenant of a new grant. */
  set(grantId: string, clientId: string, ctx: string): void {
    this.#byId.set(grantId, { clientId, ctx, accessTokens: new Map() });
  }

  /** The app and tenant of a grant, if it is known. */
  get(grantId: string): TenantGrant | undefined {
    return this.#byId.get(grantId);
  }

  /** Records an access token issued under a grant, in the world (so the tenant API accepts it) and here. */
  addAccessToken(grantId: string, token: string, principal: SuperOfficePrincipal): void {
    this.#world.recordCredential(token, principal);
    this.#byId.get(grantId)?.accessTokens.set(token, principal);
    this.#grantOfAccessToken.set(token, grantId);
  }

  /** The grant an access token was issued under, if it was issued here. */
  grantOfAccessToken(token: string): string | undefined {
    return this.#grantOfAccessToken.get(token);
  }

  /** Expires one access token in the world (RFC 7009 revocation of an access token). */
  expireAccessToken(token: string): void {
    const grantId = this.#grantOfAccessToken.get(token);
    const principal = grantId === undefined ? undefined : this.#byId.get(grantId)?.accessTokens.get(token);
    if (principal) this.#world.recordCredential(token, { ...principal, expiresAt: 0 });
  }

  /**
   * Destroys a grant with its codes and refresh tokens; with `expireAccessTokens` its access tokens stop working
   * too (the world already dropped them when consent was revoked).
   */
  async destroy(grantId: string, { expireAccessTokens }: { expireAccessTokens: boolean }): Promise<void> {
    const adapter = new this.#adapter('Grant');
    await adapter.destroy(grantId);
    await adapter.revokeByGrantId(grantId);
    const grant = this.#byId.get(grantId);
    for (const token of grant?.accessTokens.keys() ?? []) {
      if (expireAccessTokens) this.expireAccessToken(token);
      this.#grantOfAccessToken.delete(token);
    }
    this.#byId.delete(grantId);
  }

  /** Destroys every grant of this app on this tenant (`world.revokeConsent`). */
  async destroyAll(clientId: string, ctx: string): Promise<void> {
    const ids = [...this.#byId].filter(([, grant]) => grant.clientId === clientId && grant.ctx === ctx);
    for (const [grantId] of ids) await this.destroy(grantId, { expireAccessTokens: false });
  }

  /** Forgets every grant (`world.reset()`; the store is cleared separately). */
  clear(): void {
    this.#byId.clear();
    this.#grantOfAccessToken.clear();
  }
}
