import { setTimeout as sleep } from 'node:timers/promises';
import { isClassifiableError } from '../connectors/connector-error.js';
import type { ErrorKind } from '../errors/error-kind.js';
import type { RetryBudget } from './run-options.js';

/** Kinds worth trying again (lessons §4: config, auth and permission errors are never retried). */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === 'transient' || kind === 'rate_limited';
}

/** Kinds that stop the whole run: the connection itself needs the user. */
export function isStopKind(kind: ErrorKind): boolean {
  return kind === 'reauth_required' || kind === 'auth_expired' || kind === 'permission' || kind === 'tenant';
}

/** The kind of any thrown value (`unknown` for plain errors). */
export function kindOf(error: unknown): ErrorKind {
  return isClassifiableError(error) ? error.kind : 'unknown';
}

/** A run's retry allowance, shared by all its calls, so a flaky API cannot keep a run waiting for ever. */
export class RetryAllowance {
  readonly attempts: number;
  readonly #minDelayMs: number;
  readonly #maxDelayMs: number;
  #remainingMs: number;
  readonly #signal: AbortSignal | undefined;
  /** Retries made so far. */
  retries = 0;

  constructor(budget: RetryBudget = {}, signal?: AbortSignal) {
    this.attempts = Math.max(1, budget.attempts ?? 6);
    this.#minDelayMs = budget.minDelayMs ?? 200;
    this.#maxDelayMs = budget.maxDelayMs ?? 30_000;
    this.#remainingMs = budget.totalDelayMs ?? 10 * 60_000;
    this.#signal = signal;
  }

  /**
   * Waits before attempt `attempt + 1` (capped exponential backoff with full jitter, never shorter than the server's
   * `Retry-After`: lessons §16) and returns `true`, or returns `false` when the run's waiting budget is spent.
   */
  async wait(attempt: number, error: unknown): Promise<boolean> {
    const retryAfter = isClassifiableError(error) ? (error.retryAfterMs ?? 0) : 0;
    const backoff = Math.min(this.#maxDelayMs, this.#minDelayMs * 2 ** (attempt - 1));
    const delay = Math.max(retryAfter, Math.round(Math.random() * backoff));
    if (delay > this.#remainingMs) return false;
    this.#remainingMs -= delay;
    this.retries += 1;
    if (delay > 0) await sleep(delay, undefined, this.#signal ? { signal: this.#signal } : undefined);
    return true;
  }
}

/**
 * Calls `fn` until it succeeds, retrying `transient` and `rate_limited` failures within the allowance. Use only for
 * calls that are safe to repeat (reads, finds, updates); a create is repeated only after a lookup (see the pass).
 */
export async function withRetry<T>(allowance: RetryAllowance, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetryableKind(kindOf(error)) || attempt >= allowance.attempts) throw error;
      if (!(await allowance.wait(attempt, error))) throw error;
    }
  }
}
