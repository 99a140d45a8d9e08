import { Prng } from './prng.js';

/**
 * Fault injection for the Visma.net API lookalike (lessons-from-peers.md §16: latency + jitter, reset_peer, error
 * statuses, each with a probability; visma-net.md §10 "Fault knobs: ambiguous writes"). Faults act on authenticated
 * `/v1` calls only, at the "gateway", before the budget is counted; every random draw comes from a seeded PRNG, and
 * each request draws the same number of values whatever the settings, so a seed gives the same faults on every run.
 */

/** Statuses that can be injected. 502/504 answer gateway HTML, 503 an empty body, 500 `{"Message"}`, 429 JSON. */
export type InjectableStatus = 429 | 500 | 502 | 503 | 504;

/** The probabilistic fault settings. All rates are probabilities in [0, 1] per request. */
export interface FaultSettings {
  /** Added delay before every `/v1` call is handled, in milliseconds. */
  latencyMs: number;
  /** Up to this many extra milliseconds, uniformly drawn per request. */
  jitterMs: number;
  /** Per-status error rates, e.g. `{ 502: 0.1, 503: 0.05 }`. 429 here is independent of the budget. */
  errorRates: Partial<Record<InjectableStatus, number>>;
  /** Share of requests whose connection is destroyed before any response (fetch rejects). */
  resetRate: number;
  /** Share of writes (POST/PUT/DELETE) that are applied, then answered by destroying the socket. */
  commitThenDropRate: number;
  /** `Retry-After` seconds on injected 429s. */
  retryAfterSeconds: number;
}

/** What a `failNext` entry does to a matching request. */
export type FailNextAction =
  | {
      /** Answer with this status instead of handling the request. */
      readonly status: InjectableStatus;
      /** Not with `status`. */
      readonly reset?: never;
      /** Not with `status`. */
      readonly commitThenDrop?: never;
    }
  | {
      /** Destroy the connection before any response (fetch rejects). */
      readonly reset: true;
      /** Not with `reset`. */
      readonly status?: never;
      /** Not with `reset`. */
      readonly commitThenDrop?: never;
    }
  | {
      /** Apply the write, then destroy the socket: the client cannot tell whether it was applied. */
      readonly commitThenDrop: true;
      /** Not with `commitThenDrop`. */
      readonly status?: never;
      /** Not with `commitThenDrop`. */
      readonly reset?: never;
    };

/** Which requests a `failNext` entry applies to: all `/v1` calls unless narrowed. */
export interface FailNextFilter {
  /** HTTP method, e.g. `POST` (case-insensitive). */
  readonly method?: string;
  /** Path prefix including `/v1`, e.g. `/v1/customer` (case-insensitive). */
  readonly pathPrefix?: string;
}

/** Counts of faults injected since the last reset/clear. */
export interface FaultCounters {
  /** Connections destroyed before a response. */
  resets: number;
  /** Writes applied and then answered by a dropped socket. */
  commitThenDrops: number;
  /** Injected error responses per status (absent key: none). */
  statuses: Partial<Record<InjectableStatus, number>>;
}

/** @internal What the pipeline must do with one request. */
export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'status'; readonly status: InjectableStatus }
  | { readonly kind: 'commitThenDrop' };

interface PendingFailure {
  remaining: number;
  readonly action: FailNextAction;
  readonly filter: FailNextFilter;
}

const STATUSES: readonly InjectableStatus[] = [429, 500, 502, 503, 504];
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function defaultSettings(): FaultSettings {
  return {
    latencyMs: 0,
    jitterMs: 0,
    errorRates: {},
    resetRate: 0,
    commitThenDropRate: 0,
    retryAfterSeconds: 1,
  };
}

/** The `faults` control object of a running Visma.net API lookalike. */
export class VismaApiFaults {
  #settings: FaultSettings = defaultSettings();
  #pending: PendingFailure[] = [];
  #prng: Prng;
  readonly #seed: number;
  #counters: FaultCounters = { resets: 0, commitThenDrops: 0, statuses: {} };

  /** @internal Created by `startVismaApi`. */
  constructor(seed: number) {
    this.#seed = seed;
    this.#prng = new Prng(seed);
  }

  /** The current settings (a copy). */
  get settings(): FaultSettings {
    return { ...this.#settings, errorRates: { ...this.#settings.errorRates } };
  }

  /** Faults injected so far (a copy). */
  get counters(): FaultCounters {
    return { ...this.#counters, statuses: { ...this.#counters.statuses } };
  }

  /**
   * Merges new settings into the current ones, e.g. `faults.set({ errorRates: { 502: 0.1 }, latencyMs: 20 })`.
   * A given `errorRates` replaces the previous map as a whole.
   * @throws Error when a rate is outside [0, 1].
   */
  set(settings: Partial<FaultSettings>): void {
    for (const [name, rate] of Object.entries({
      resetRate: settings.resetRate,
      commitThenDropRate: settings.commitThenDropRate,
      ...Object.fromEntries(
        Object.entries(settings.errorRates ?? {}).map(([k, v]) => [`errorRates.${k}`, v]),
      ),
    })) {
      if (rate !== undefined && !(rate >= 0 && rate <= 1))
        throw new Error(`Fault rate ${name} must be in [0, 1]`);
    }
    this.#settings = {
      ...this.#settings,
      ...settings,
      errorRates: { ...(settings.errorRates ?? this.#settings.errorRates) },
    };
  }

  /**
   * Makes the next `count` matching `/v1` calls fail exactly as asked, before any probabilistic fault. Entries queue
   * in the order given.
   * @example faults.failNext(1, { commitThenDrop: true, method: 'POST', pathPrefix: '/v1/customer' })
   */
  failNext(count: number, spec: FailNextAction & FailNextFilter): void {
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`failNext count must be a positive integer, got ${count}`);
    const { method, pathPrefix, ...action } = spec;
    const filter: FailNextFilter = {
      ...(method === undefined ? {} : { method: method.toUpperCase() }),
      ...(pathPrefix === undefined ? {} : { pathPrefix: pathPrefix.toLowerCase() }),
    };
    this.#pending.push({ remaining: count, action: action as FailNextAction, filter });
  }

  /** Removes all settings and queued failures, restarts the PRNG from its seed and zeroes the counters. */
  clear(): void {
    this.#settings = defaultSettings();
    this.#pending = [];
    this.#prng = new Prng(this.#seed);
    this.#counters = { resets: 0, commitThenDrops: 0, statuses: {} };
  }

  /** @internal The delay to wait before handling a call (latency + drawn jitter). */
  delayMs(): number {
    const jitter = this.#prng.next();
    return this.#settings.latencyMs + Math.floor(jitter * this.#settings.jitterMs);
  }

  /** @internal Decides the fault for one authenticated `/v1` call and counts it. */
  decide(method: string, path: string): FaultDecision {
    // Always draw the same values, so that changing one rate does not shift the others' sequence.
    const resetDraw = this.#prng.next();
    const statusDraw = this.#prng.next();
    const dropDraw = this.#prng.next();
    const decision = this.#queued(method, path) ?? this.#random(method, resetDraw, statusDraw, dropDraw);
    if (decision.kind === 'reset') this.#counters.resets++;
    if (decision.kind === 'commitThenDrop') this.#counters.commitThenDrops++;
    if (decision.kind === 'status') {
      this.#counters.statuses[decision.status] = (this.#counters.statuses[decision.status] ?? 0) + 1;
    }
    return decision;
  }

  #queued(method: string, path: string): FaultDecision | undefined {
    const lowerPath = path.toLowerCase();
    const index = this.#pending.findIndex(
      ({ filter }) =>
        (filter.method === undefined || filter.method === method) &&
        (filter.pathPrefix === undefined || lowerPath.startsWith(filter.pathPrefix)),
    );
    const entry = this.#pending[index];
    if (!entry) return undefined;
    if (--entry.remaining === 0) this.#pending.splice(index, 1);
    const { action } = entry;
    if (action.reset) return { kind: 'reset' };
    if (action.commitThenDrop) return { kind: 'commitThenDrop' };
    return { kind: 'status', status: action.status };
  }

  #random(method: string, resetDraw: number, statusDraw: number, dropDraw: number): FaultDecision {
    const settings = this.#settings;
    if (resetDraw < settings.resetRate) return { kind: 'reset' };
    let threshold = 0;
    for (const status of STATUSES) {
      threshold += settings.errorRates[status] ?? 0;
      if (statusDraw < threshold) return { kind: 'status', status };
    }
    if (WRITE_METHODS.has(method) && dropDraw < settings.commitThenDropRate)
      return { kind: 'commitThenDrop' };
    return { kind: 'none' };
  }
}
