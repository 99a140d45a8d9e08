/** What the gate currently believes about the company's hourly budget. */
export interface RateLimitState {
  /**
   * Requests left in the window: the lowest `X-RateLimit-Remaining` reported in it, minus the requests still in
   * flight (the server may not have counted them yet); `undefined` when unknown.
   */
  readonly remaining: number | undefined;
  /** Epoch ms when the window resets (0 when unknown). */
  readonly resetAt: number;
  /** Epoch ms until which no request may be sent after a 429 (0 when not blocked). */
  readonly blockedUntil: number;
}

/** One request's place in the budget, from {@link RateLimitGate.acquire} until its answer (or failure). */
export interface RateLimitPermit {
  /**
   * Ends the request: reads its rate-limit headers, if any, and frees its place. Call it exactly once per permit,
   * also when no response arrived (network error, timeout, abort); further calls are ignored.
   */
  settle(headers?: Headers): void;
}

/** Answers whose windows end within this many ms of each other are taken to describe the same window. */
const SAME_WINDOW_MS = 2_000;

/**
 * Proactive throttle for one company + client budget (visma-net.md §4: a fixed hourly window, reported in
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` seconds on every response; 429 + `Retry-After` when spent). The rule
 * is that no request is sent while the budget is spent:
 *
 * - While the budget is unknown (before the first answer, and again once a window has reset per `X-RateLimit-Reset`)
 *   only one request is sent, a probe; the others wait for its headers. (§4: "The budget is shared by *all*
 *   processes that use the same client for the same company", so a new window's budget is not assumed to be full.)
 * - Requests in flight count against the budget: the last `X-RateLimit-Remaining` does not include the requests
 *   sent but not answered yet, so a request is sent only while `remaining - inFlight >= 1`.
 * - When none is left, callers wait for an answer (which may raise the count) or for the reset, instead of spending
 *   a request on a 429 (§4 "slow down when `Remaining` is low").
 */
export class RateLimitGate {
  /** The lowest `X-RateLimit-Remaining` of the current window; `undefined` when unknown. */
  #remaining: number | undefined;
  /** End of the current (or, while `#remaining` is unknown, the last known) window, epoch ms. */
  #resetAt = 0;
  #blockedUntil = 0;
  #inFlight = 0;
  #probing = false;
  readonly #waiters = new Set<() => void>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** A snapshot for diagnostics and tests. */
  get state(): RateLimitState {
    return {
      remaining: this.#remaining === undefined ? undefined : this.#remaining - this.#inFlight,
      resetAt: this.#resetAt,
      blockedUntil: this.#blockedUntil,
    };
  }

  /** Requests acquired and not settled yet. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Waits until a request may be sent, then reserves one unit of the budget until the returned permit is settled.
   * Rejects when `signal` aborts while waiting.
   */
  async acquire(signal?: AbortSignal): Promise<RateLimitPermit> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#now();
      if (now < this.#blockedUntil) {
        await this.#change(this.#blockedUntil - now, signal);
        continue;
      }
      // A window that has reset (per X-RateLimit-Reset) has an unknown budget again: probe it.
      if (this.#remaining !== undefined && now >= this.#resetAt) this.#remaining = undefined;
      if (this.#remaining === undefined) {
        if (!this.#probing) return this.#permit(now, true);
        await this.#change(undefined, signal); // the probe's headers tell the budget
        continue;
      }
      if (this.#remaining - this.#inFlight >= 1) return this.#permit(now, false);
      // Spent, or spent once the requests in flight are counted: wait for an answer or for the reset.
      await this.#change(this.#resetAt - now, signal);
    }
  }

  /**
   * Reads the rate-limit headers of a response (all of them carry them, visma-net.md §4). `sentAt` is when its
   * request was sent (permits pass it): answers of requests sent before the known window ended may arrive late and
   * out of order, so they can only lower the count, never open a new window.
   */
  update(headers: Headers, sentAt?: number): void {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
    const resetSeconds = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
    if (!Number.isFinite(remaining) || !Number.isFinite(resetSeconds)) return;
    const resetAt = this.#now() + resetSeconds * 1000;
    const known = this.#remaining;
    if (sentAt !== undefined && sentAt < this.#resetAt) {
      // Sent while the window we know of was open: counted in it (or, at its very end, in the next one), so it can
      // only lower the count. Else that window has reset since: the answer says nothing about the new one (the
      // probe's will).
      if (known !== undefined) {
        this.#remaining = Math.min(known, remaining);
        // The server says the window ends well before we thought (e.g. the budget was reconfigured): believe it.
        if (resetAt < this.#resetAt - SAME_WINDOW_MS) this.#resetAt = resetAt;
      }
    } else if (known !== undefined && Math.abs(resetAt - this.#resetAt) < SAME_WINDOW_MS) {
      this.#remaining = Math.min(known, remaining); // the same window, answers out of order: keep the lowest
    } else {
      this.#remaining = remaining; // a new window
      this.#resetAt = resetAt;
    }
    this.#wake();
  }

  /** After a 429: no request until `ms` from now. */
  block(ms: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, this.#now() + ms);
  }

  #permit(sentAt: number, probe: boolean): RateLimitPermit {
    this.#inFlight += 1;
    if (probe) this.#probing = true;
    let settled = false;
    return {
      settle: (headers) => {
        if (settled) return;
        settled = true;
        this.#inFlight -= 1;
        if (probe) this.#probing = false; // without headers the next request probes again
        if (headers) this.update(headers, sentAt);
        this.#wake();
      },
    };
  }

  /** Resolves on the next settle or update, or after `ms` (when given); rejects when `signal` aborts. */
  #change(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
      };
      const done = () => {
        finish();
        resolve();
      };
      const onAbort = () => {
        finish();
        reject(signal?.reason);
      };
      this.#waiters.add(done);
      if (ms !== undefined) timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
