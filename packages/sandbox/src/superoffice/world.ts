import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';

/**
 * Shared state of the SuperOffice stand-ins: tenants with their state and current API host, SuperID users, the
 * registered apps (with their system-user key pairs and per-tenant consent), the credentials issued, and the events
 * that webhooks deliver. The SuperID lookalike (auth host) issues credentials from it; the tenant API host checks
 * every call against it. Tests and the control API change it to stage a story (move a tenant, suspend it, revoke
 * consent) and the next request sees the change.
 */

/** Tenant states of the State API (superoffice.md §2). */
export const TENANT_STATES = {
  /** State not known. */
  Unknown: 0,
  /** Being created; the API does not answer yet. */
  Provisioning: 1,
  /** Normal operation; the API answers. */
  Running: 2,
  /** Removed; treat as unavailable, not transient. */
  Deleted: 3,
  /** Suspended; the API does not answer. Treat as unavailable, not transient. */
  Suspended: 4,
  /** Maintenance that keeps the API available (`IsRunning` stays true). */
  OnlineMaintenance: 5,
  /** Maintenance with the API down, usually minutes during upgrades. */
  OfflineMaintenance: 6,
} as const;

/** A state name of {@link TENANT_STATES}. */
export type TenantStateName = keyof typeof TENANT_STATES;

/** A SuperOffice Online tenant (customer database). */
export interface SuperOfficeSandboxTenant {
  /** Context identifier, e.g. `Cust12345`. */
  readonly ctx: string;
  /** Company name of the tenant (`company_name` claim). */
  readonly name: string;
  /** Database serial (`serial` claim; the system-user JWT audience is `spn:{serial}`). */
  readonly serial: string;
  /** Current state; only Running and OnlineMaintenance serve the API (superoffice.md §2). */
  state: TenantStateName;
  /** Index of the tenant API host currently serving this tenant; other hosts answer 421 (superoffice.md §1). */
  hostIndex: number;
}

/** A SuperID user. */
export interface SuperOfficeSandboxUser {
  /** Associate id inside the tenant(s). */
  readonly associateId: number;
  /** Login name and e-mail. */
  readonly email: string;
  /** Plain-text password, compared as is by the sign-in form. */
  readonly password: string;
  /** Display name, shown on the consent page. */
  readonly name: string;
  /** Tenants this user belongs to. */
  readonly tenants: readonly string[];
  /** Tenant administrators can approve app consent (superoffice.md §3). */
  readonly isAdministrator: boolean;
}

/** An app registered in the (simulated) SuperOffice Developer Portal. */
export interface SuperOfficeSandboxApp {
  /** Application (client) id; the key of {@link SuperOfficeWorld.apps}. */
  readonly clientId: string;
  /** Also the `SO-AppToken` / `ApplicationToken` of system-user calls. */
  readonly clientSecret: string;
  /** Application name; system tokens look like `{name}-{random}` (superoffice.md §4). */
  readonly name: string;
  /** Registered OAuth redirect URIs (also the allowed post-logout redirects). */
  readonly redirectUris: readonly string[];
  /** Public key the system-user exchange verifies signatures with. */
  readonly systemUserPublicKey: KeyObject;
  /** The matching private key, handed to the integrator (tests, demo). PEM (PKCS#1) and RSA-XML forms. */
  readonly systemUserPrivateKeyPem: string;
  /** Tenants where an administrator approved the app, with the system token issued at consent. */
  readonly consents: Map<
    string,
    {
      /** The `system_token` claim issued at consent; the system-user exchange must sign exactly this value. */
      systemToken: string;
    }
  >;
}

/** Who an access token or a system-user ticket speaks for. */
export interface SuperOfficePrincipal {
  /** `user` for an OIDC access token, `system` for a system-user ticket (only tickets slide on use). */
  readonly kind: 'user' | 'system';
  /** Context identifier of the tenant the credential is valid for. */
  readonly ctx: string;
  /** The app the credential was issued to; revoking that app's consent drops it. */
  readonly clientId: string;
  /** The associate id (users) or 0 for the system user. */
  readonly associateId: number;
  /** Epoch ms; tickets slide on use (6 h, superoffice.md §5). */
  expiresAt: number;
}

/** A change that webhooks announce (superoffice.md §18), e.g. `contact.changed`. */
export interface SuperOfficeEvent {
  /** Event name, e.g. `contact.changed` or `sale.sold` (webhook `Event`). */
  readonly event: string;
  /** Context identifier of the tenant where the change happened (webhook `ContextIdentifier`). */
  readonly ctx: string;
  /** Id of the changed record (webhook `PrimaryKey`). */
  readonly primaryKey: number;
  /** Lower-case entity name, e.g. `contact` (webhook `Entity`). */
  readonly entity: string;
  /** Associate who made the change (webhook `ChangedByAssociateId`). */
  readonly changedByAssociateId: number;
}

/** Seed for {@link SuperOfficeWorld}. */
export interface SuperOfficeWorldSeed {
  /** Tenants; each starts on host 0. */
  readonly tenants: ReadonlyArray<
    Omit<SuperOfficeSandboxTenant, 'state' | 'hostIndex'> & {
      /** Initial state (default `Running`). */
      state?: TenantStateName;
    }
  >;
  /** SuperID users, keyed by `associateId` in the world. */
  readonly users: readonly SuperOfficeSandboxUser[];
  /** Registered apps; their system-user key pairs are generated once per world and survive `reset()`. */
  readonly apps: ReadonlyArray<{
    /** Application (client) id. */
    clientId: string;
    /** Client secret, also the app token of system-user calls. */
    clientSecret: string;
    /** Application name; prefix of the system tokens issued at consent. */
    name: string;
    /** Registered OAuth redirect URIs. */
    redirectUris: readonly string[];
    /** Tenants where the app is already approved at start. */
    consents: readonly string[];
  }>;
}

/** Lifetime of a system-user ticket without use: 6 h sliding (superoffice.md §5). */
export const TICKET_LIFETIME_MS = 6 * 60 * 60 * 1000;

/** Shared, mutable state of the SuperOffice stand-ins. `reset()` restores the seed. */
export class SuperOfficeWorld {
  /** Number of tenant API hosts the sandbox runs (a move switches a tenant between them). */
  readonly hostCount = 2;
  /** Signs SuperID id_tokens and system-user JWTs; its public half is served as JWKS. */
  readonly signingKey: {
    /** Random key id, published in the JWKS. */
    readonly kid: string;
    /** RSA 2048 private key (RS256). */
    readonly privateKey: KeyObject;
    /** Its public half, served as JWKS. */
    readonly publicKey: KeyObject;
  };
  /** Tenants by context identifier. */
  readonly tenants = new Map<string, SuperOfficeSandboxTenant>();
  /** SuperID users by associate id. */
  readonly users = new Map<number, SuperOfficeSandboxUser>();
  /** Registered apps by client id. */
  readonly apps = new Map<string, SuperOfficeSandboxApp>();
  readonly #credentials = new Map<string, SuperOfficePrincipal>();
  readonly #keys = new Map<string, { publicKey: KeyObject; privateKeyPem: string }>();
  readonly #seed: SuperOfficeWorldSeed;
  readonly #resetListeners = new Set<() => void>();
  readonly #revokeListeners = new Set<(clientId: string, ctx: string) => void>();
  readonly #eventListeners = new Set<(event: SuperOfficeEvent) => void>();

  constructor(seed: SuperOfficeWorldSeed) {
    this.#seed = seed;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.signingKey = { kid: randomUUID(), privateKey, publicKey };
    this.reset();
  }

  /** Restores tenants, users, apps and consents; drops every issued credential. Key pairs stay stable. */
  reset(): void {
    this.tenants.clear();
    this.users.clear();
    this.apps.clear();
    this.#credentials.clear();
    for (const tenant of this.#seed.tenants) {
      this.tenants.set(tenant.ctx, { ...tenant, state: tenant.state ?? 'Running', hostIndex: 0 });
    }
    for (const user of this.#seed.users) this.users.set(user.associateId, user);
    for (const app of this.#seed.apps) {
      let keys = this.#keys.get(app.clientId);
      if (!keys) {
        const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
        keys = {
          publicKey: pair.publicKey,
          privateKeyPem: pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        };
        this.#keys.set(app.clientId, keys);
      }
      const consents = new Map(app.consents.map((ctx) => [ctx, { systemToken: systemTokenFor(app.name) }]));
      this.apps.set(app.clientId, {
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        name: app.name,
        redirectUris: app.redirectUris,
        systemUserPublicKey: keys.publicKey,
        systemUserPrivateKeyPem: keys.privateKeyPem,
        consents,
      });
    }
    for (const listener of this.#resetListeners) listener();
  }

  /** Called on every `reset()`, so each lookalike can drop its own sessions and data. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /** Called when consent is revoked, so SuperID can destroy the grants (refresh then answers invalid_grant). */
  onRevoke(listener: (clientId: string, ctx: string) => void): () => void {
    this.#revokeListeners.add(listener);
    return () => this.#revokeListeners.delete(listener);
  }

  /** Subscribes to data changes (the tenant API publishes them, webhooks deliver them). */
  onEvent(listener: (event: SuperOfficeEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Publishes a data change to webhook delivery. */
  publish(event: SuperOfficeEvent): void {
    for (const listener of this.#eventListeners) listener(event);
  }

  /** The user with this login e-mail, if any. */
  userByEmail(email: string): SuperOfficeSandboxUser | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.users.values()].find((user) => user.email.toLowerCase() === wanted);
  }

  /** Whether the tenant serves API calls now (Running or OnlineMaintenance, superoffice.md §2). */
  isRunning(ctx: string): boolean {
    const state = this.tenants.get(ctx)?.state;
    return state === 'Running' || state === 'OnlineMaintenance';
  }

  /** Moves a tenant to another API host: the old host answers 421 from now on (superoffice.md §1). */
  moveTenant(
    ctx: string,
    hostIndex: number = ((this.tenants.get(ctx)?.hostIndex ?? 0) + 1) % this.hostCount,
  ): void {
    this.#tenant(ctx).hostIndex = hostIndex;
  }

  /** Sets a tenant's state, e.g. `Suspended` or `OfflineMaintenance`. */
  setTenantState(ctx: string, state: TenantStateName): void {
    this.#tenant(ctx).state = state;
  }

  /** An administrator approves the app for a tenant; returns the (new or existing) system token. */
  grantConsent(clientId: string, ctx: string): string {
    const app = this.#app(clientId);
    const existing = app.consents.get(ctx);
    if (existing) return existing.systemToken;
    const systemToken = systemTokenFor(app.name);
    app.consents.set(ctx, { systemToken });
    return systemToken;
  }

  /**
   * The tenant uninstalls the app: consent, system token, refresh tokens, access tokens and tickets of that app on
   * that tenant stop working.
   */
  revokeConsent(clientId: string, ctx: string): void {
    this.#app(clientId).consents.delete(ctx);
    for (const [credential, principal] of this.#credentials) {
      if (principal.clientId === clientId && principal.ctx === ctx) this.#credentials.delete(credential);
    }
    for (const listener of this.#revokeListeners) listener(clientId, ctx);
  }

  /** Records an access token (opaque) or a system-user ticket, so the tenant API can authenticate it. */
  recordCredential(credential: string, principal: SuperOfficePrincipal): void {
    this.#credentials.set(credential, principal);
  }

  /**
   * The principal behind an access token or ticket, if it is known and not expired. Tickets slide: each use extends
   * them by {@link TICKET_LIFETIME_MS}.
   */
  authenticate(credential: string, now: number = Date.now()): SuperOfficePrincipal | undefined {
    const principal = this.#credentials.get(credential);
    if (!principal || principal.expiresAt <= now) return undefined;
    if (principal.kind === 'system') principal.expiresAt = now + TICKET_LIFETIME_MS;
    return principal;
  }

  /** Mints a new opaque access-token string for a tenant, in SuperOffice's `8A:CustNNNN.…` look (superoffice.md §3). */
  newAccessToken(ctx: string): string {
    return `8A:${ctx}.${randomBytes(24).toString('base64url')}`;
  }

  /** Mints a new system-user ticket string (`7T:…`, superoffice.md §5). */
  newTicket(): string {
    return `7T:${randomBytes(24).toString('base64url')}`;
  }

  #tenant(ctx: string): SuperOfficeSandboxTenant {
    const tenant = this.tenants.get(ctx);
    if (!tenant) throw new Error(`No sandbox SuperOffice tenant ${ctx}`);
    return tenant;
  }

  #app(clientId: string): SuperOfficeSandboxApp {
    const app = this.apps.get(clientId);
    if (!app) throw new Error(`No sandbox SuperOffice app ${clientId}`);
    return app;
  }
}

function systemTokenFor(appName: string): string {
  return `${appName}-${randomBytes(12).toString('base64url')}`;
}
