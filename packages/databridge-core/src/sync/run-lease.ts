import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';

/** How long a run's lease lives without a heartbeat (a crashed run frees its profile after this). */
export const RUN_LEASE_TTL_MS = 60_000;

/** A held run lease, renewed in the background until released. */
export interface RunLease {
  /** Gives the lease back and stops the heartbeat. */
  release(): Promise<void>;
}

/**
 * Takes the profile's run lease (`run:<profileId>`, lessons §6 "take a per-profile lock"), atomically across
 * processes sharing the store, and renews it every third of its lifetime. `undefined` when another run holds it.
 */
export async function acquireRunLease(
  store: Store,
  profileId: string,
  ttlMs: number = RUN_LEASE_TTL_MS,
): Promise<RunLease | undefined> {
  const name = `run:${profileId}`;
  const owner = randomUUID();
  if (!(await store.tryAcquireLease(name, owner, ttlMs))) return undefined;
  const heartbeat = setInterval(
    () => {
      store.tryAcquireLease(name, owner, ttlMs).catch(() => undefined);
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      await store.releaseLease(name, owner);
    },
  };
}
