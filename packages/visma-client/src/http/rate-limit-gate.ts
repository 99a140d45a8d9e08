import { setTimeout as sleep } from 'node:timers/promises';

/** What the gate currently believes about the company's hourly budget. */
export interface RateLimitState {
  /** Requests left in the window, as last reported and minus requests sent since; `undefined` when unknown. */
  readonly remaining: number | undefined;
  /** Epoch ms when the window resets (0 when unknown). */
  readonly resetAt: number;
  /** Epoch ms until which no request may be sent after a 429 (0 when not blocked). */
  readonly blockedUntil: number;
}

/**
 * Proactive throttle for one company + client budget (visma-net.md §4: a fixed hourly window, reported in
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` seconds on every response). Each request reserves one unit before
 * it is sent; when none is left, callers wait for the reset instead of spending a request on a 429.
 */
export class RateLimitGate {
  #remaining: number | undefined;
  #resetAt = 0;
  #blockedUntil = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** A snapshot for diagnostics and tests. */
  get state(): RateLimitState {
    return { remaining: this.#remaining, resetAt: this.#resetAt, blockedUntil: this.#blockedUntil };
  }

  /** Waits until a request may be sent, then reserves one unit of the budget. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.#now();
      if (now < this.#blockedUntil) {
        await sleep(this.#blockedUntil - now, undefined, { signal });
        continue;
      }
      if (this.#remaining !== undefined && this.#remaining <= 0) {
        if (now < this.#resetAt) {
          await sleep(this.#resetAt - now, undefined, { signal });
          continue;
        }
        this.#remaining = undefined; // a new window: its budget is unknown until the next response says
      }
      if (this.#remaining !== undefined) this.#remaining -= 1;
      return;
    }
  }

  /** Reads the rate-limit headers of any response. Answers may arrive out of order: keep the lowest count per window. */
  update(headers: Headers): void {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
    const resetSeconds = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
    if (!Number.isFinite(remaining) || !Number.isFinite(resetSeconds)) return;
    const resetAt = this.#now() + resetSeconds * 1000;
    const sameWindow = Math.abs(resetAt - this.#resetAt) < 2_000;
    this.#remaining =
      sameWindow && this.#remaining !== undefined ? Math.min(this.#remaining, remaining) : remaining;
    this.#resetAt = resetAt;
  }

  /** After a 429: no request until `ms` from now. */
  block(ms: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, this.#now() + ms);
  }
}
