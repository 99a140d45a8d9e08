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
  Run,
  RunPatch,
  RunRecord,
  SealedRecord,
} from '../../model/index.js';
import type { RunRecordQuery, SealedBlobRef, Store } from '../store.js';
import { getCheckpoint, setCheckpoint } from './checkpoints.js';
import * as connections from './connections.js';
import type { SqliteContext } from './context.js';
import * as leases from './leases.js';
import { getLinkBySource, getLinkByTarget, listLinks, upsertLink } from './links.js';
import * as profiles from './profiles.js';
import * as runs from './runs.js';

/**
 * The {@link Store} methods over one SQLite database. `gate` decides when a call may touch the database: the
 * top-level store waits for a running transaction; a transaction's own view checks that it is still open.
 * @internal
 */
export abstract class SqliteView implements Store {
  /** Database and clock shared with the table modules. */
  protected readonly context: SqliteContext;

  /** @param context - Database and clock shared with the table modules. */
  protected constructor(context: SqliteContext) {
    this.context = context;
  }

  /** Runs one synchronous database step when this view may. */
  protected abstract gate<T>(step: () => T): Promise<T>;

  /** {@inheritDoc Store.transaction} */
  abstract transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  /** {@inheritDoc Store.close} */
  abstract close(): Promise<void>;

  /** {@inheritDoc Store.createConnection} */
  createConnection(input: NewConnection): Promise<Connection> {
    return this.gate(() => connections.createConnection(this.context, input));
  }

  /** {@inheritDoc Store.getConnection} */
  getConnection(id: string): Promise<Connection | undefined> {
    return this.gate(() => connections.getConnection(this.context, id));
  }

  /** {@inheritDoc Store.listConnections} */
  listConnections(): Promise<Connection[]> {
    return this.gate(() => connections.listConnections(this.context));
  }

  /** {@inheritDoc Store.updateConnection} */
  updateConnection(id: string, patch: ConnectionPatch): Promise<Connection> {
    return this.gate(() => connections.updateConnection(this.context, id, patch));
  }

  /** {@inheritDoc Store.compareAndSwapTokens} */
  compareAndSwapTokens(id: string, expectedVersion: number, encryptedTokens: SealedRecord): Promise<boolean> {
    return this.gate(() =>
      connections.compareAndSwapTokens(this.context, id, expectedVersion, encryptedTokens),
    );
  }

  /** {@inheritDoc Store.tryAcquireLease} */
  tryAcquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.gate(() => leases.tryAcquireLease(this.context, name, owner, ttlMs));
  }

  /** {@inheritDoc Store.releaseLease} */
  releaseLease(name: string, owner: string): Promise<void> {
    return this.gate(() => leases.releaseLease(this.context, name, owner));
  }

  /** {@inheritDoc Store.listSealedBlobs} */
  listSealedBlobs(): Promise<SealedBlobRef[]> {
    return this.gate(() => connections.listSealedBlobs(this.context));
  }

  /** {@inheritDoc Store.replaceSealedBlob} */
  replaceSealedBlob(ref: SealedBlobRef, next: SealedRecord): Promise<boolean> {
    return this.gate(() => connections.replaceSealedBlob(this.context, ref, next));
  }

  /** {@inheritDoc Store.createProfile} */
  createProfile(input: NewProfile): Promise<Profile> {
    return this.gate(() => profiles.createProfile(this.context, input));
  }

  /** {@inheritDoc Store.getProfile} */
  getProfile(id: string): Promise<Profile | undefined> {
    return this.gate(() => profiles.getProfile(this.context, id));
  }

  /** {@inheritDoc Store.listProfiles} */
  listProfiles(filter: { readonly connectionId?: string } = {}): Promise<Profile[]> {
    return this.gate(() => profiles.listProfiles(this.context, filter.connectionId));
  }

  /** {@inheritDoc Store.updateProfile} */
  updateProfile(id: string, patch: ProfilePatch): Promise<Profile> {
    return this.gate(() => profiles.updateProfile(this.context, id, patch));
  }

  /** {@inheritDoc Store.deleteProfile} */
  deleteProfile(id: string): Promise<void> {
    return this.gate(() => profiles.deleteProfile(this.context, id));
  }

  /** {@inheritDoc Store.createRun} */
  createRun(input: NewRun): Promise<Run> {
    return this.gate(() => runs.createRun(this.context, input));
  }

  /** {@inheritDoc Store.getRun} */
  getRun(id: string): Promise<Run | undefined> {
    return this.gate(() => runs.getRun(this.context, id));
  }

  /** {@inheritDoc Store.listRuns} */
  listRuns(profileId: string, options: { readonly limit?: number } = {}): Promise<Run[]> {
    return this.gate(() => runs.listRuns(this.context, profileId, options.limit));
  }

  /** {@inheritDoc Store.updateRun} */
  updateRun(id: string, patch: RunPatch): Promise<Run> {
    return this.gate(() => runs.updateRun(this.context, id, patch));
  }

  /** {@inheritDoc Store.appendRunRecords} */
  appendRunRecords(runId: string, records: readonly NewRunRecord[]): Promise<RunRecord[]> {
    return this.gate(() => runs.appendRunRecords(this.context, runId, records));
  }

  /** {@inheritDoc Store.listRunRecords} */
  listRunRecords(runId: string, query?: RunRecordQuery): Promise<RunRecord[]> {
    return this.gate(() => runs.listRunRecords(this.context, runId, query));
  }

  /** {@inheritDoc Store.getCheckpoint} */
  getCheckpoint(profileId: string): Promise<Checkpoint | undefined> {
    return this.gate(() => getCheckpoint(this.context, profileId));
  }

  /** {@inheritDoc Store.setCheckpoint} */
  setCheckpoint(profileId: string, value: JsonValue): Promise<Checkpoint> {
    return this.gate(() => setCheckpoint(this.context, profileId, value));
  }

  /** {@inheritDoc Store.getLinkBySource} */
  getLinkBySource(profileId: string, sourceKey: string): Promise<Link | undefined> {
    return this.gate(() => getLinkBySource(this.context, profileId, sourceKey));
  }

  /** {@inheritDoc Store.getLinkByTarget} */
  getLinkByTarget(profileId: string, targetKey: string): Promise<Link | undefined> {
    return this.gate(() => getLinkByTarget(this.context, profileId, targetKey));
  }

  /** {@inheritDoc Store.upsertLink} */
  upsertLink(input: LinkInput): Promise<Link> {
    return this.gate(() => upsertLink(this.context, input));
  }

  /** {@inheritDoc Store.listLinks} */
  listLinks(
    profileId: string,
    options?: { readonly afterSourceKey?: string; readonly limit?: number },
  ): Promise<Link[]> {
    return this.gate(() => listLinks(this.context, profileId, options));
  }
}
