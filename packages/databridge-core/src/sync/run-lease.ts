import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';

/**
 * How long a run's lease lives without a heartbeat (a crashed run frees its profile after this). It must stay well
 * above the clients' request timeout (30 s), so a write in flight never outlives the lease of the run that sent it.
 */
export const RUN_LEASE_TTL_MS = 60_000;

/** A held run lease, renewed in the background until released. */
export interface RunLease {
  /** Aborted when the lease is lost (another run took it, or renewals failed until it expired). */
  readonly signal: AbortSignal;
  /** Throws {@link LeaseLostError} when the lease is lost; call before committing anything. */
  check(): void;
  /** Gives the lease back and stops the heartbeat. */
  release(): Promise<void>;
}

/** The run's lease was lost, so it stopped before another run could overlap it. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(profileId: string) {
    super(
      `The run of profile ${profileId} lost its lease (the store could not be reached to renew it, or another run ` +
        'took it over) and stopped so that two runs never overlap; the next run resumes from the checkpoint',
    );
  }
}

/**
 * Takes the profile's run lease (`run:<profileId>`, lessons §6 "take a per-profile lock"), atomically across
 * processes sharing the store, and renews it every third of its lifetime. A renewal that another owner refused, or
 * renewals that kept failing until the lease expired, mark it lost: its signal aborts and `check()` throws.
 * `undefined` when another run holds it.
 */
export async function acquireRunLease(
  store: Store,
  profileId: string,
  ttlMs: number = RUN_LEASE_TTL_MS,
): Promise<RunLease | undefined> {
  const name = `run:${profileId}`;
  const owner = randomUUID();
  if (!(await store.tryAcquireLease(name, owner, ttlMs))) return undefined;
  const lost = new AbortController();
  let renewedAt = Date.now();
  const expired = () => Date.now() - renewedAt >= ttlMs;
  const lose = () => {
    if (!lost.signal.aborted) lost.abort(new LeaseLostError(profileId));
  };
  const heartbeat = setInterval(
    () => {
      const attemptAt = Date.now();
      store.tryAcquireLease(name, owner, ttlMs).then(
        (held) => {
          if (held) renewedAt = attemptAt;
          else lose();
        },
        () => {
          if (expired()) lose();
        },
      );
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  heartbeat.unref();
  return {
    signal: lost.signal,
    check() {
      if (expired()) lose();
      if (lost.signal.aborted) throw lost.signal.reason;
    },
    async release() {
      clearInterval(heartbeat);
      await store.releaseLease(name, owner);
    },
  };
}
