/** What one interaction has collected so far. */
export interface PendingSignIn {
  /** Set once the password was checked in this interaction. */
  readonly accountId?: string;
  /** When that login happened (epoch seconds): the session's `auth_time`. */
  readonly loginTs?: number;
  /** The tenant picked (or auto-picked) for this authorization: a Visma Company tenant id, or a SuperOffice context identifier. */
  readonly tenantId?: string;
}

/** Interactions live an hour (`ttl.Interaction`); progress older than that is dropped. */
const MAX_AGE_MS = 60 * 60 * 1000;

/** Progress of each running sign-in, by interaction uid. Cleared on `world.reset()`. */
export class PendingSignIns {
  readonly #byUid = new Map<string, { value: PendingSignIn; at: number }>();

  /** The progress of this interaction (empty when it has none yet). */
  get(uid: string): PendingSignIn {
    return this.#byUid.get(uid)?.value ?? {};
  }

  /** Replaces the progress of this interaction (and forgets abandoned ones). */
  set(uid: string, value: PendingSignIn): void {
    const now = Date.now();
    for (const [key, entry] of this.#byUid) if (now - entry.at > MAX_AGE_MS) this.#byUid.delete(key);
    this.#byUid.set(uid, { value, at: now });
  }

  /** Forgets one interaction, once it finished. */
  delete(uid: string): void {
    this.#byUid.delete(uid);
  }

  /** Forgets every interaction. */
  clear(): void {
    this.#byUid.clear();
  }
}
