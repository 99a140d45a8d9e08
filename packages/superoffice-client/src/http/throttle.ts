import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces requests to at most `perSecond` per tenant (SuperOffice's guidance is 10 calls per second, superoffice.md
 * §16), and holds every request after a 429/503 with Retry-After until it has passed.
 */
export class RequestThrottle {
  readonly #intervalMs: number;
  #nextAt = 0;
  #blockedUntil = 0;

  constructor(perSecond: number) {
    this.#intervalMs = 1000 / perSecond;
  }

  /** Waits for this request's slot. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.#nextAt, this.#blockedUntil);
    this.#nextAt = at + this.#intervalMs;
    if (at > now) await sleep(at - now, undefined, { signal });
  }

  /** No request before `ms` from now (server asked us to wait). */
  block(ms: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, Date.now() + ms);
  }
}
