import type { SuperOfficeWorld } from '../world.js';
import { seedTenant } from './seed-data.js';
import { SuperOfficeTenantData, type TenantWriteSettings } from './tenant-data.js';

/**
 * The `data` control object: each tenant's records, for assertions and for staging stories. A tenant is seeded on
 * first use from (seed, ctx), so access order doesn't matter; `world.reset()` drops everything and restores the
 * default settings, and the next access seeds afresh.
 */
export class SuperOfficeApiData {
  readonly #world: SuperOfficeWorld;
  readonly #seed: number;
  readonly #contacts: number;
  readonly #tenants = new Map<string, SuperOfficeTenantData>();
  readonly #settings: TenantWriteSettings = { updatedOnCreate: false };

  /** @internal Created by `startSuperOfficeApi`. */
  constructor(world: SuperOfficeWorld, seed: number, contacts: number) {
    if (!Number.isInteger(contacts) || contacts < 1)
      throw new Error(`contacts must be >= 1, got ${contacts}`);
    this.#world = world;
    this.#seed = seed;
    this.#contacts = contacts;
  }

  /**
   * Whether a create also sets `UpdatedDate`/`UpdatedBy` (superoffice.md §14, §25.5: UNCERTAIN upstream). Default
   * `false`: new records carry `UpdatedDate` `0001-01-01T00:00:00`, as a never-updated row does in the database.
   */
  get updatedOnCreate(): boolean {
    return this.#settings.updatedOnCreate;
  }

  /** Applies to later creates in every tenant; `reset()` sets it back to `false`. */
  set updatedOnCreate(value: boolean) {
    this.#settings.updatedOnCreate = value;
  }

  /**
   * The records of a tenant.
   * @throws Error for an unknown context identifier.
   */
  tenant(ctx: string): SuperOfficeTenantData {
    let data = this.#tenants.get(ctx);
    if (data) return data;
    const tenant = this.#world.tenants.get(ctx);
    if (!tenant) throw new Error(`No SuperOffice sandbox tenant ${ctx}`);
    data = new SuperOfficeTenantData(this.#world, ctx, this.#settings);
    seedTenant(data, tenant, this.#seed, { contacts: this.#contacts });
    this.#tenants.set(ctx, data);
    return data;
  }

  /** Drops all tenants' records and restores the settings (run by `world.reset()`). */
  reset(): void {
    this.#tenants.clear();
    this.#settings.updatedOnCreate = false;
  }
}
