import type { VismaWorld } from '../world.js';
import { VismaCompanyData } from './company-data.js';
import { deriveSeed, Prng } from './prng.js';
import { seedCompany } from './seed-data.js';

/**
 * The `data` control object: typed access to each company's records, for assertions and for staging stories.
 * Each company is seeded on first use (from the PRNG seed and its tenant id, so the order of access doesn't matter);
 * `world.reset()` drops everything and the next access seeds afresh.
 */
export class VismaApiData {
  readonly #world: VismaWorld;
  readonly #seed: number;
  readonly #customers: number;
  readonly #companies = new Map<string, VismaCompanyData>();

  /** @internal Created by `startVismaApi`. */
  constructor(world: VismaWorld, seed: number, customers: number) {
    if (!Number.isInteger(customers) || customers < 0)
      throw new Error(`customers must be >= 0, got ${customers}`);
    this.#world = world;
    this.#seed = seed;
    this.#customers = customers;
  }

  /**
   * The records of the company with this **Company** tenant id.
   * @throws Error for a Customer tenant id or an unknown tenant id.
   */
  company(tenantId: string): VismaCompanyData {
    const tenant = tenantId.toLowerCase();
    let data = this.#companies.get(tenant);
    if (data) return data;
    const found = this.#world.companyByAnyTenantId(tenant);
    if (!found || found.isCustomerTenant)
      throw new Error(`No Visma company with Company tenant id ${tenantId}`);
    data = new VismaCompanyData(tenant);
    seedCompany(data, new Prng(deriveSeed(this.#seed, tenant)), { customers: this.#customers });
    this.#companies.set(tenant, data);
    return data;
  }

  /** Drops all companies' records (run by `world.reset()`); they are re-seeded on next use. */
  reset(): void {
    this.#companies.clear();
  }
}
