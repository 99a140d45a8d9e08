import type { JsonValue } from './json.js';

/** Where the next incremental run of a profile starts (a cursor, a timestamp, or whatever the source needs). */
export interface Checkpoint {
  /** The profile it belongs to. */
  readonly profileId: string;
  /** Opaque to the store. */
  readonly value: JsonValue;
  /** ISO 8601, when it was last set. */
  readonly updatedAt: string;
}
