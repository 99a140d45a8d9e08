import type { JsonObject, JsonValue } from './json.js';

/** Which way a profile moves records. */
export type SyncDirection = 'source_to_target' | 'target_to_source' | 'two_way';

/** One end of a profile: a connection and an entity on it (such as `Contact` or `customer`). */
export interface ProfileEnd {
  /** The {@link Connection} id. */
  readonly connectionId: string;
  /** The entity name as the client knows it. */
  readonly entity: string;
}

/** A sync profile: what moves from where to where, how it is shaped and matched, and when. */
export interface Profile {
  /** Store-wide unique id. */
  readonly id: string;
  /** Name the user gave it. */
  readonly name: string;
  /** Where records come from. */
  readonly source: ProfileEnd;
  /** Where records go. */
  readonly target: ProfileEnd;
  /** Which way records move. */
  readonly direction: SyncDirection;
  /** The mapping spec, as JSON (validated by the mapping engine, not the store). */
  readonly mapping: JsonValue;
  /** Target fields that identify an existing record when no link exists yet. */
  readonly matchingKeys: readonly string[];
  /** Cron expression, when the profile runs on a schedule. */
  readonly schedule?: string | undefined;
  /** Free-form options for the sync engine. */
  readonly options: JsonObject;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601. */
  readonly updatedAt: string;
}

/** What a caller gives to create a {@link Profile}. */
export interface NewProfile {
  /** Id to use; a random UUID when absent. */
  readonly id?: string | undefined;
  /** See {@link Profile.name}. */
  readonly name: string;
  /** See {@link Profile.source}. */
  readonly source: ProfileEnd;
  /** See {@link Profile.target}. */
  readonly target: ProfileEnd;
  /** See {@link Profile.direction}. */
  readonly direction: SyncDirection;
  /** See {@link Profile.mapping}. */
  readonly mapping: JsonValue;
  /** See {@link Profile.matchingKeys}; empty when absent. */
  readonly matchingKeys?: readonly string[] | undefined;
  /** See {@link Profile.schedule}. */
  readonly schedule?: string | undefined;
  /** See {@link Profile.options}; `{}` when absent. */
  readonly options?: JsonObject | undefined;
}

/** Fields of a {@link Profile} that `update` may change; `schedule: null` removes the schedule. */
export interface ProfilePatch {
  /** New name. */
  readonly name?: string;
  /** New source. */
  readonly source?: ProfileEnd;
  /** New target. */
  readonly target?: ProfileEnd;
  /** New direction. */
  readonly direction?: SyncDirection;
  /** New mapping. */
  readonly mapping?: JsonValue;
  /** New matching keys. */
  readonly matchingKeys?: readonly string[];
  /** New schedule, or `null` to remove it. */
  readonly schedule?: string | null;
  /** New options. */
  readonly options?: JsonObject;
}
