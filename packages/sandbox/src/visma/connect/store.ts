import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';

/** Models whose records belong to one grant; only these are indexed by `grantId` (Interactions carry one too). */
const GRANT_BOUND_MODELS = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken']);

/** How the store learns per-app settings from the world, so it needs no reference to it. */
export interface ConnectStoreLookups {
  /** Client metadata for `client_id`, or undefined when no such app is registered. */
  readonly client: (clientId: string) => AdapterPayload | undefined;
  /** Seconds a spent refresh token of this client may still be replayed; 0 when it may not. */
  readonly refreshGraceSeconds: (clientId: string) => number;
}

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number | undefined;
}

/**
 * All state of the Visma Connect lookalike, in memory: oidc-provider's models (sessions, interactions, grants,
 * codes, refresh tokens) behind an adapter, plus the tenant picked for each grant. `clear()` drops it all, for
 * `world.reset()`.
 *
 * visma-net.md §2.8 grace period: oidc-provider has none, so it lives here. `consume()` remembers when a refresh
 * token was first spent; while that is less than the app's grace seconds ago, `find()` returns the token as
 * unspent, so a replay succeeds and gets a fresh token set. After that the provider sees a spent token and answers
 * `invalid_grant`, revoking the whole grant (RFC 9700 §4.14.2 reuse detection).
 */
export class ConnectStore {
  readonly #entries = new Map<string, Entry>();
  readonly #sessionIdByUid = new Map<string, string>();
  readonly #keysByGrant = new Map<string, Set<string>>();
  /** When a refresh token was first consumed, in ms (finer than the provider's seconds, for short grace tests). */
  readonly #consumedAt = new Map<string, number>();
  /** The Company tenant id picked at sign-in, per grant (visma-net.md §2.6: one connection, one company). */
  readonly #grantTenants = new Map<string, string>();
  readonly #lookups: ConnectStoreLookups;

  constructor(lookups: ConnectStoreLookups) {
    this.#lookups = lookups;
  }

  /** The `adapter` class to hand to oidc-provider; every instance shares this store. */
  adapterClass(): AdapterConstructor {
    const store = this;
    return class ConnectAdapter implements Adapter {
      readonly #model: string;
      constructor(model: string) {
        this.#model = model;
      }
      async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
        store.#upsert(this.#model, id, payload, expiresIn);
      }
      async find(id: string): Promise<AdapterPayload | undefined> {
        return store.#find(this.#model, id);
      }
      async findByUid(uid: string): Promise<AdapterPayload | undefined> {
        const id = store.#sessionIdByUid.get(uid);
        return id === undefined ? undefined : store.#find(this.#model, id);
      }
      async findByUserCode(): Promise<AdapterPayload | undefined> {
        return undefined; // No device flow.
      }
      async consume(id: string): Promise<void> {
        store.#consume(this.#model, id);
      }
      async destroy(id: string): Promise<void> {
        store.#entries.delete(`${this.#model}:${id}`);
      }
      async revokeByGrantId(grantId: string): Promise<void> {
        store.#revokeGrant(grantId);
      }
    };
  }

  /** Remembers the Company tenant id the user picked for this grant. */
  setGrantTenant(grantId: string, tenantId: string): void {
    this.#grantTenants.set(grantId, tenantId);
  }

  /** The Company tenant id picked for this grant, if any. */
  grantTenant(grantId: string): string | undefined {
    return this.#grantTenants.get(grantId);
  }

  /** Destroys every grant the user gave the client, with its codes and refresh tokens (`world.revokeGrants`). */
  revokeGrantsOf(clientId: string, accountId: string): void {
    for (const [key, entry] of [...this.#entries]) {
      if (!key.startsWith('Grant:')) continue;
      if (entry.payload.clientId !== clientId || entry.payload.accountId !== accountId) continue;
      this.#entries.delete(key);
      this.#revokeGrant(key.slice('Grant:'.length));
    }
  }

  /** Forgets everything: sessions, interactions, grants, codes, refresh tokens, picked tenants. */
  clear(): void {
    this.#entries.clear();
    this.#sessionIdByUid.clear();
    this.#keysByGrant.clear();
    this.#consumedAt.clear();
    this.#grantTenants.clear();
  }

  #upsert(model: string, id: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    if (model === 'Client') return; // Clients come from the world, never from the provider.
    const key = `${model}:${id}`;
    const expiresAt = expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000;
    this.#entries.set(key, { payload: structuredClone(payload), expiresAt });
    if (model === 'Session' && typeof payload.uid === 'string') this.#sessionIdByUid.set(payload.uid, id);
    if (GRANT_BOUND_MODELS.has(model) && typeof payload.grantId === 'string') {
      const keys = this.#keysByGrant.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.#keysByGrant.set(payload.grantId, keys);
    }
  }

  #find(model: string, id: string): AdapterPayload | undefined {
    if (model === 'Client') return this.#lookups.client(id);
    const key = `${model}:${id}`;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    const payload = structuredClone(entry.payload);
    if (model === 'RefreshToken' && payload.consumed !== undefined && this.#withinGrace(key, payload)) {
      delete payload.consumed;
    }
    return payload;
  }

  #withinGrace(key: string, payload: AdapterPayload): boolean {
    const consumedAt = this.#consumedAt.get(key);
    if (consumedAt === undefined || typeof payload.clientId !== 'string') return false;
    return Date.now() - consumedAt <= this.#lookups.refreshGraceSeconds(payload.clientId) * 1000;
  }

  #consume(model: string, id: string): void {
    const key = `${model}:${id}`;
    const entry = this.#entries.get(key);
    if (!entry) return;
    // Keep the first spend: a replay inside the grace period must not extend it.
    if (!this.#consumedAt.has(key)) this.#consumedAt.set(key, Date.now());
    entry.payload.consumed ??= Math.floor(Date.now() / 1000);
  }

  #revokeGrant(grantId: string): void {
    for (const key of this.#keysByGrant.get(grantId) ?? []) {
      this.#entries.delete(key);
      this.#consumedAt.delete(key);
    }
    this.#keysByGrant.delete(grantId);
    this.#grantTenants.delete(grantId);
  }
}
