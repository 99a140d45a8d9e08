import { classifySuperOfficeError, classifySuperOfficeNetworkError } from '../errors/classify.js';
import { SuperOfficeError } from '../errors/superoffice-error.js';

/** The State API's answer for a tenant (superoffice.md §2). */
export interface TenantState {
  /** Tenant context identifier. */
  readonly ContextIdentifier: string;
  /** Base of the tenant on its current host; changes routinely. */
  readonly Endpoint?: string;
  /** `Running`, `Suspended`, `OfflineMaintenance`, … */
  readonly State: string | number;
  /** True for Running and OnlineMaintenance. */
  readonly IsRunning: boolean;
  /** When to ask again (ISO date). */
  readonly ValidUntil?: string;
  /** REST base, e.g. `https://online2.superoffice.com/Cust12345/api`. */
  readonly Api?: string;
}

/** What the router needs to reach the State API. */
export interface TenantRouterOptions {
  /** Authentication host, e.g. `https://sod.superoffice.com`; the State API lives there. */
  readonly issuer: string;
  /** Tenant context identifier. */
  readonly tenant: string;
  /** The `webapi_url` claim, used until the first 421 or expiry. */
  readonly initialApiUrl?: string | undefined;
  /** Fetch implementation. */
  readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Per-call timeout, ms. */
  readonly timeoutMs: number;
  /** How long a State API answer is trusted when it has no ValidUntil (default 5 minutes). */
  readonly defaultValidMs?: number;
}

const STATE_REMEDIES: Record<string, string> = {
  Suspended:
    'the tenant is suspended: its administrator must contact SuperOffice; syncs are paused until it runs again',
  Deleted: 'the tenant was deleted: remove or re-point this connection',
  OfflineMaintenance:
    'the tenant is in offline maintenance (usually minutes during upgrades): the run will work again later',
  Provisioning: 'the tenant is still being provisioned: try again later',
};

/**
 * Finds a tenant's current REST base (superoffice.md §2): starts from the `webapi_url` claim, asks the State API
 * (`GET {auth host}/api/state/{ctx}`) when there is none, when the cached answer passed `ValidUntil`, or after a 421.
 * A tenant that is not running is an error of kind `tenant` with a remedy, not a transient failure.
 */
export class TenantRouter {
  readonly #options: TenantRouterOptions;
  #apiUrl: string | undefined;
  #validUntil = 0;
  #inflight: Promise<string> | undefined;

  constructor(options: TenantRouterOptions) {
    this.#options = options;
    this.#apiUrl = options.initialApiUrl?.replace(/\/+$/, '');
    this.#validUntil = this.#apiUrl ? Number.POSITIVE_INFINITY : 0;
  }

  /** The REST base to use now, e.g. `https://online2.superoffice.com/Cust12345/api`. */
  async apiUrl(): Promise<string> {
    if (this.#apiUrl && Date.now() < this.#validUntil) return this.#apiUrl;
    return this.resolve();
  }

  /** Forgets the cached base (after a 421) so the next call asks the State API. */
  invalidate(): void {
    this.#validUntil = 0;
  }

  /** Asks the State API now (single-flight). */
  resolve(): Promise<string> {
    this.#inflight ??= this.#ask().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #ask(): Promise<string> {
    const { issuer, tenant } = this.#options;
    const request = `GET /api/state/${tenant}`;
    let response: Response;
    try {
      response = await this.#options.fetch(`${issuer}/api/state/${encodeURIComponent(tenant)}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      throw classifySuperOfficeNetworkError(error, { tenant, request });
    }
    const text = await response.text();
    if (!response.ok)
      throw classifySuperOfficeError(
        { status: response.status, headers: response.headers, body: text },
        { tenant, request },
      );
    const state = JSON.parse(text) as TenantState;
    if (!state.IsRunning) {
      const name = String(state.State);
      throw new SuperOfficeError({
        kind: 'tenant',
        status: response.status,
        retryable: false,
        tenant,
        request,
        message: `Tenant ${tenant} is not running (State ${name})`,
        remedy: `SuperOffice tenant ${tenant}: ${STATE_REMEDIES[name] ?? `its state is ${name}; try again later`}.`,
      });
    }
    const api = state.Api ?? (state.Endpoint ? `${state.Endpoint.replace(/\/+$/, '')}/api` : undefined);
    if (!api) {
      throw new SuperOfficeError({
        kind: 'protocol',
        status: response.status,
        retryable: false,
        tenant,
        request,
        message: `${request}: the State API named no Api or Endpoint`,
        remedy: 'Try again later; report it to SuperOffice if it persists.',
      });
    }
    const validUntil = state.ValidUntil ? Date.parse(state.ValidUntil) : Number.NaN;
    this.#apiUrl = api.replace(/\/+$/, '');
    this.#validUntil = Number.isNaN(validUntil)
      ? Date.now() + (this.#options.defaultValidMs ?? 300_000)
      : validUntil;
    return this.#apiUrl;
  }
}
