import type { ErrorKind } from '../errors/error-kind.js';
import type {
  Checkpoint,
  Connection,
  ConnectionPatch,
  JsonValue,
  Link,
  LinkInput,
  NewConnection,
  NewProfile,
  NewRun,
  NewRunRecord,
  Profile,
  ProfilePatch,
  RecordOutcome,
  Run,
  RunPatch,
  RunRecord,
  SealedRecord,
} from '../model/index.js';

/** A sealed secret held by a store, as listed for key rotation. */
export interface SealedBlobRef {
  /** The connection that owns it. */
  readonly connectionId: string;
  /** What it holds (the AAD purpose it was sealed under); connections hold `tokens`. */
  readonly purpose: string;
  /** The sealed value. */
  readonly sealed: SealedRecord;
}

/** Filters for {@link Store.listRunRecords}. */
export interface RunRecordQuery {
  /** Only records after this sequence number (for paging). */
  readonly afterSeq?: number;
  /** At most this many (default: all). */
  readonly limit?: number;
  /** Only records that ended this way (e.g. `failed`). */
  readonly outcome?: RecordOutcome;
  /** Only records whose error has this kind. */
  readonly kind?: ErrorKind;
}

/**
 * Where DataBridge keeps connections, profiles, runs and links. Every method is async so that a server database can
 * implement the same contract (`test/unit/store-contract.ts`). Updates of a missing row throw `StoreNotFoundError`.
 */
export interface Store {
  /** Creates a connection at token version 1. */
  createConnection(input: NewConnection): Promise<Connection>;
  /** The connection with this id, or `undefined`. */
  getConnection(id: string): Promise<Connection | undefined>;
  /** Every connection, oldest first. */
  listConnections(): Promise<Connection[]>;
  /** Changes health and descriptive fields; never the tokens, never the version. */
  updateConnection(id: string, patch: ConnectionPatch): Promise<Connection>;
  /**
   * Replaces the sealed tokens only if the token version is still `expectedVersion`, atomically across processes;
   * bumps the version and sets `lastRefreshedAt`. Returns whether it did.
   */
  compareAndSwapTokens(id: string, expectedVersion: number, encryptedTokens: SealedRecord): Promise<boolean>;
  /**
   * Takes the named lease for `ttlMs` if it is free, expired, or already `owner`'s; atomic across processes. Used so
   * that only one process refreshes a connection's tokens at a time (lessons-from-peers.md §3).
   */
  tryAcquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease back if `owner` still holds it. */
  releaseLease(name: string, owner: string): Promise<void>;

  /** Every sealed secret in the store, for re-wrapping by key rotation. */
  listSealedBlobs(): Promise<SealedBlobRef[]>;
  /**
   * Replaces a sealed secret only if it is still exactly `expected`, without bumping any version (the secret it holds
   * is unchanged). Returns whether it did.
   */
  replaceSealedBlob(ref: SealedBlobRef, next: SealedRecord): Promise<boolean>;

  /** Creates a profile; both connections must exist. */
  createProfile(input: NewProfile): Promise<Profile>;
  /** The profile with this id, or `undefined`. */
  getProfile(id: string): Promise<Profile | undefined>;
  /** Every profile (or those using `connectionId` at either end), oldest first. */
  listProfiles(filter?: { readonly connectionId?: string }): Promise<Profile[]>;
  /** Changes a profile. */
  updateProfile(id: string, patch: ProfilePatch): Promise<Profile>;
  /** Deletes a profile with its runs, run records, checkpoint and links (its connections stay). */
  deleteProfile(id: string): Promise<void>;

  /** Creates a run with zero counts. */
  createRun(input: NewRun): Promise<Run>;
  /** The run with this id, or `undefined`. */
  getRun(id: string): Promise<Run | undefined>;
  /** Runs of a profile, newest first. */
  listRuns(profileId: string, options?: { readonly limit?: number }): Promise<Run[]>;
  /** Changes a run. */
  updateRun(id: string, patch: RunPatch): Promise<Run>;
  /** Appends per-record outcomes in order, numbering them after the last one; returns them as stored. */
  appendRunRecords(runId: string, records: readonly NewRunRecord[]): Promise<RunRecord[]>;
  /** Records of a run in order. */
  listRunRecords(runId: string, query?: RunRecordQuery): Promise<RunRecord[]>;

  /** The checkpoint of a profile, or `undefined` before its first successful run. */
  getCheckpoint(profileId: string): Promise<Checkpoint | undefined>;
  /** Sets the checkpoint of a profile. */
  setCheckpoint(profileId: string, value: JsonValue): Promise<Checkpoint>;

  /** The link of a source record, or `undefined`. */
  getLinkBySource(profileId: string, sourceKey: string): Promise<Link | undefined>;
  /** The link of a target record, or `undefined`. */
  getLinkByTarget(profileId: string, targetKey: string): Promise<Link | undefined>;
  /**
   * Creates or replaces the link of `sourceKey` with its target key, the hash of the payload just written and the
   * record versions after the write.
   */
  upsertLink(input: LinkInput): Promise<Link>;
  /** Every link of a profile in source-key order (for reconciliation and the web app), `limit` at a time. */
  listLinks(
    profileId: string,
    options?: { readonly afterSourceKey?: string; readonly limit?: number },
  ): Promise<Link[]>;

  /**
   * Runs `fn` in one transaction: everything it wrote through `tx` is kept if it resolves and nothing if it throws
   * (the error is rethrown). Other calls on this store wait until it ends. Do no network I/O inside: the write lock
   * is held throughout, also against other processes.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  /** Releases the store. Further calls fail. */
  close(): Promise<void>;
}
