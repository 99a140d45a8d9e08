import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';

/**
 * The shared state of the Visma stand-ins: who exists, which company each user may reach, which apps are
 * registered, and which grants were revoked. The Visma Connect lookalike issues tokens from it; the Visma.net API
 * lookalike checks every call against it. Tests and the control API change it to stage a story (remove a role,
 * revoke a grant) and the next request sees the change.
 */

/** Roles a Visma.net user can hold per company (visma-net.md §2.9). */
export type VismaRole = 'API User' | 'Integration Administrator';

/** A Visma.net Financials company. */
export interface VismaSandboxCompany {
  /** The Company tenant id: the one tokens must carry (visma-net.md §2.10). */
  readonly tenantId: string;
  /** The contract's Customer tenant id: Visma Connect issues tokens for it, yet every API call answers 401. */
  readonly customerTenantId: string;
  /** Company name shown in the company picker and used in error messages. */
  readonly name: string;
}

/** A person who can sign in at the Visma Connect lookalike. */
export interface VismaSandboxUser {
  /** Immutable Visma user id, the `sub` claim. */
  readonly sub: string;
  /** Login name, matched case-insensitively; issued as the `email` claim. Tokens identify users by `sub`, not this. */
  readonly email: string;
  /** Display name, issued as the `name` claim. */
  readonly name: string;
  /** Plain-text sandbox password checked by the login form (test data only). */
  readonly password: string;
  /** Roles per Company tenant id. */
  readonly roles: Map<string, Set<VismaRole>>;
}

/** How a registered app's refresh tokens behave (Developer Portal setting, visma-net.md §2.8). */
export type RefreshTokenMode = 'reuse' | 'one_time';

/** An app registered in the (simulated) Visma Developer Portal. */
export interface VismaSandboxApp {
  /** Client id, e.g. `isv_databridge`; the key in {@link VismaWorld.apps}. */
  readonly clientId: string;
  /** Absent for public (SPA/native) clients, which must use PKCE. */
  readonly clientSecret?: string;
  /** `web` for the authorization-code flow (§2.6), `service` for client credentials (visma-net.md §2.4). */
  readonly kind: 'web' | 'service';
  /** Registered redirect URIs; loopback URIs match on any port (RFC 8252). */
  readonly redirectUris: readonly string[];
  /** `reuse` or `one_time` refresh tokens; mutable so a test can switch modes. */
  refreshTokenMode: RefreshTokenMode;
  /** How long a spent one-time refresh token may still be replayed (Visma Connect allows 5-60 s). */
  refreshGraceSeconds: number;
  /** Company tenant ids where an Integration Administrator approved this service app (App Store consent). */
  readonly approvedTenants: Set<string>;
}

/** The keys the lookalikes share: Visma Connect signs access tokens, the API verifies them. */
export interface VismaSigningKeys {
  /** Key id in the JWT header; the API refuses a token whose `kid` does not match. */
  readonly kid: string;
  /** RSA private key (2048-bit) Visma Connect signs RS256 access tokens with. */
  readonly privateKey: KeyObject;
  /** The matching public key the API verifies tokens with. */
  readonly publicKey: KeyObject;
}

/** Seed for {@link VismaWorld}; see `seed.ts` for the default one. */
export interface VismaWorldSeed {
  /** Companies to create. */
  readonly companies: readonly VismaSandboxCompany[];
  /** Users to create, with plain-object roles. */
  readonly users: ReadonlyArray<
    Omit<VismaSandboxUser, 'roles'> & {
      /** Roles per Company tenant id; `{}` for a user with no API access. */
      roles: Record<string, VismaRole[]>;
    }
  >;
  /** Apps to register. */
  readonly apps: ReadonlyArray<
    Omit<VismaSandboxApp, 'approvedTenants'> & {
      /** Company tenant ids that approved this service app; `[]` for web apps. */
      approvedTenants: string[];
    }
  >;
}

/** Shared, mutable state of the Visma stand-ins. Create one per sandbox; `reset()` restores the seed. */
export class VismaWorld {
  /** Signing keys, generated fresh per world (not restored by `reset()`). */
  readonly keys: VismaSigningKeys;
  /** Companies by Company tenant id. */
  readonly companies = new Map<string, VismaSandboxCompany>();
  /** Users by `sub`. */
  readonly users = new Map<string, VismaSandboxUser>();
  /** Registered apps by client id. */
  readonly apps = new Map<string, VismaSandboxApp>();
  /** Access tokens issued so far, by `jti`, so a revoked grant can take its live access tokens with it. */
  readonly #issued = new Map<string, { clientId: string; sub: string }>();
  /** `jti`s of access tokens whose grant was revoked: the API answers them with 401. */
  readonly #revoked = new Set<string>();
  readonly #seed: VismaWorldSeed;
  readonly #resetListeners = new Set<() => void>();
  readonly #revokeListeners = new Set<(clientId: string, sub: string) => void>();

  constructor(seed: VismaWorldSeed) {
    this.#seed = seed;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.keys = { kid: randomUUID(), privateKey, publicKey };
    this.reset();
  }

  /** Restores the seed: users, roles, apps and revocations. Listeners (the lookalikes) drop their own state too. */
  reset(): void {
    this.companies.clear();
    this.users.clear();
    this.apps.clear();
    this.#issued.clear();
    this.#revoked.clear();
    // Tenant ids are GUIDs compared lower-case everywhere; normalise the seed once here.
    for (const company of this.#seed.companies) {
      const tenantId = company.tenantId.toLowerCase();
      this.companies.set(tenantId, {
        ...company,
        tenantId,
        customerTenantId: company.customerTenantId.toLowerCase(),
      });
    }
    for (const user of this.#seed.users) {
      const roles = new Map(
        Object.entries(user.roles).map(([tenant, list]) => [tenant.toLowerCase(), new Set(list)]),
      );
      this.users.set(user.sub, { ...user, roles });
    }
    for (const app of this.#seed.apps)
      this.apps.set(app.clientId, { ...app, approvedTenants: new Set(app.approvedTenants) });
    for (const listener of this.#resetListeners) listener();
  }

  /** Called on every `reset()`, so each lookalike can clear its own sessions, grants and data. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /** Called on every `revokeGrants()`, so Visma Connect can destroy the grants and refresh tokens involved. */
  onRevoke(listener: (clientId: string, sub: string) => void): () => void {
    this.#revokeListeners.add(listener);
    return () => this.#revokeListeners.delete(listener);
  }

  /** The user with this e-mail address (logins use e-mail), if any. */
  userByEmail(email: string): VismaSandboxUser | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.users.values()].find((user) => user.email.toLowerCase() === wanted);
  }

  /** The company whose Company tenant id or Customer tenant id this is. */
  companyByAnyTenantId(tenantId: string):
    | {
        /** The company found. */
        company: VismaSandboxCompany;
        /** True when `tenantId` was the Customer tenant id, which gets a token but a 401 from the API (visma-net.md §2.10). */
        isCustomerTenant: boolean;
      }
    | undefined {
    const wanted = tenantId.toLowerCase();
    for (const company of this.companies.values()) {
      if (company.tenantId === wanted) return { company, isCustomerTenant: false };
      if (company.customerTenantId === wanted) return { company, isCustomerTenant: true };
    }
    return undefined;
  }

  /** Whether the user holds `role` on the company with this Company tenant id. */
  hasRole(sub: string, tenantId: string, role: VismaRole): boolean {
    return this.users.get(sub)?.roles.get(tenantId.toLowerCase())?.has(role) ?? false;
  }

  /** Gives or takes a role, as an administrator does in Visma.net Admin → Users and roles. */
  setRole(sub: string, tenantId: string, role: VismaRole, granted: boolean): void {
    const user = this.#user(sub);
    const tenant = tenantId.toLowerCase();
    const roles = user.roles.get(tenant) ?? new Set<VismaRole>();
    if (granted) roles.add(role);
    else roles.delete(role);
    user.roles.set(tenant, roles);
  }

  /** Companies where the user holds API User: the choices in the sign-in company picker (visma-net.md §2.6). */
  apiCompaniesOf(sub: string): VismaSandboxCompany[] {
    return [...this.companies.values()].filter((company) => this.hasRole(sub, company.tenantId, 'API User'));
  }

  /** Visma Connect records each access token it issues, so that revoking a grant also kills live access tokens. */
  recordAccessToken(jti: string, clientId: string, sub: string): void {
    this.#issued.set(jti, { clientId, sub });
  }

  /**
   * Revokes every grant the user gave the app (consent withdrawn, or access revoked by an admin): live access tokens
   * get 401 from the API, and refresh tokens `invalid_grant` from Visma Connect. A new login creates a new grant.
   */
  revokeGrants(clientId: string, sub: string): void {
    for (const [jti, owner] of this.#issued) {
      if (owner.clientId === clientId && owner.sub === sub) this.#revoked.add(jti);
    }
    for (const listener of this.#revokeListeners) listener(clientId, sub);
  }

  /** Whether the access token with this `jti` belongs to a revoked grant. */
  isAccessTokenRevoked(jti: string): boolean {
    return this.#revoked.has(jti);
  }

  #user(sub: string): VismaSandboxUser {
    const user = this.users.get(sub);
    if (!user) throw new Error(`No sandbox Visma user with sub ${sub}`);
    return user;
  }
}
