/**
 * visma-net.md §4: policy `4-fixed-window`, "X requests per hour for each company and client combination", headers
 * `X-RateLimit-Limit/Remaining/Reset (seconds)/Policy` on every response, 429 + `Retry-After` when spent.
 */

/** The state of one (tenant, client) window, as the `X-RateLimit-*` headers report it. */
export interface RateLimitStatus {
  /** The budget per window (`X-RateLimit-Limit`). */
  readonly limit: number;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  readonly remaining: number;
  /** Whole seconds until the window resets (`X-RateLimit-Reset`, visma-net.md §4: seconds, not a date). */
  readonly resetSeconds: number;
}

/** Request counters of one tenant (all clients together), for tests and benchmarks. */
export interface RateLimitCounters {
  /** Every request that reached the API with a verifiable token (including those answered 429). */
  requests: number;
  /** Requests made while the window was spent (answered 429 by the budget). */
  throttled: number;
}

/** The `X-RateLimit-Policy` value of the standard policy (visma-net.md §4). */
export const RATE_LIMIT_POLICY = '4-fixed-window';

interface Window {
  startedAt: number;
  used: number;
}

/**
 * Fixed-window budgets per (tenant, client id). A window starts with the first request of its key and lasts
 * `windowSeconds`; the budget is the same for every key. Reset by `world.reset()`.
 */
export class VismaApiRateLimits {
  #budget: number;
  #windowSeconds: number;
  readonly #defaults: { budget: number; windowSeconds: number };
  readonly #windows = new Map<string, Window>();
  readonly #counters = new Map<string, RateLimitCounters>();
  readonly #now: () => number;

  /** @internal Created by `startVismaApi`. */
  constructor(budget: number, windowSeconds: number, now: () => number = Date.now) {
    if (!Number.isInteger(budget) || budget < 1)
      throw new Error(`hourlyBudget must be a positive integer, got ${budget}`);
    if (!(windowSeconds > 0)) throw new Error(`rateWindowSeconds must be positive, got ${windowSeconds}`);
    this.#budget = budget;
    this.#windowSeconds = windowSeconds;
    this.#defaults = { budget, windowSeconds };
    this.#now = now;
  }

  /** Requests allowed per window, per (tenant, client). */
  get budget(): number {
    return this.#budget;
  }

  /** Window length in seconds. */
  get windowSeconds(): number {
    return this.#windowSeconds;
  }

  /** Changes the budget and/or window length from now on; open windows are closed. */
  configure(settings: { budget?: number; windowSeconds?: number }): void {
    if (settings.budget !== undefined) this.#budget = settings.budget;
    if (settings.windowSeconds !== undefined) this.#windowSeconds = settings.windowSeconds;
    this.#windows.clear();
  }

  /** The window state of a (tenant, client) pair without counting a request. */
  status(tenantId: string, clientId: string): RateLimitStatus {
    return this.#statusOf(this.#window(keyOf(tenantId, clientId), false));
  }

  /** Spends the rest of the pair's current window, so the next request gets 429. */
  exhaust(tenantId: string, clientId: string): void {
    const window = this.#window(keyOf(tenantId, clientId), true);
    if (window) window.used = this.#budget;
  }

  /** Counters of one tenant (all its clients). Unknown tenants have zeros. */
  counters(tenantId: string): RateLimitCounters {
    return { ...(this.#counters.get(tenantId.toLowerCase()) ?? { requests: 0, throttled: 0 }) };
  }

  /** Counters summed over all tenants. */
  totals(): RateLimitCounters {
    const total = { requests: 0, throttled: 0 };
    for (const counter of this.#counters.values()) {
      total.requests += counter.requests;
      total.throttled += counter.throttled;
    }
    return total;
  }

  /** Clears windows and counters, and restores the configured budget and window (run by `world.reset()`). */
  reset(): void {
    this.#windows.clear();
    this.#counters.clear();
    this.#budget = this.#defaults.budget;
    this.#windowSeconds = this.#defaults.windowSeconds;
  }

  /**
   * @internal Counts one request of the pair. Returns the status after counting and whether it was allowed.
   */
  consume(
    tenantId: string,
    clientId: string,
  ): {
    /** False when the window's budget was already spent: answer 429. */
    allowed: boolean;
    /** Budget after counting, for the rate-limit headers. */
    status: RateLimitStatus;
  } {
    const tenant = tenantId.toLowerCase();
    const counter = this.#counters.get(tenant) ?? { requests: 0, throttled: 0 };
    this.#counters.set(tenant, counter);
    counter.requests++;
    const window = this.#window(keyOf(tenantId, clientId), true) as Window;
    if (window.used >= this.#budget) {
      counter.throttled++;
      return { allowed: false, status: this.#statusOf(window) };
    }
    window.used++;
    return { allowed: true, status: this.#statusOf(window) };
  }

  #window(key: string, create: boolean): Window | undefined {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (window && now - window.startedAt >= this.#windowSeconds * 1000) window = undefined;
    if (!window && create) {
      window = { startedAt: now, used: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  #statusOf(window: Window | undefined): RateLimitStatus {
    if (!window)
      return { limit: this.#budget, remaining: this.#budget, resetSeconds: Math.ceil(this.#windowSeconds) };
    const leftMs = window.startedAt + this.#windowSeconds * 1000 - this.#now();
    return {
      limit: this.#budget,
      remaining: Math.max(0, this.#budget - window.used),
      resetSeconds: Math.max(1, Math.ceil(leftMs / 1000)),
    };
  }
}

function keyOf(tenantId: string, clientId: string): string {
  return `${tenantId.toLowerCase()}|${clientId}`;
}

/** The four `X-RateLimit-*` headers for a status (visma-net.md §4 "Headers on every response"). */
export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    'x-ratelimit-limit': String(status.limit),
    'x-ratelimit-remaining': String(status.remaining),
    'x-ratelimit-reset': String(status.resetSeconds),
    'x-ratelimit-policy': RATE_LIMIT_POLICY,
  };
}
