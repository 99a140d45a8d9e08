import type { Connector, EntityDescription } from '../connectors/connector.js';
import type { Connection } from '../model/connection.js';
import type { Link } from '../model/link.js';
import type { Profile } from '../model/profile.js';
import type { Store } from '../store/store.js';

/** One end of a profile, resolved: its connection, connector and entity. */
export interface Side {
  /** The connection. */
  readonly connection: Connection;
  /** Its connector. */
  readonly connector: Connector;
  /** The entity name. */
  readonly entity: string;
  /** How the connector describes the entity, when it does. */
  readonly description: EntityDescription | undefined;
}

/** Which way a pass moves records. */
export type PassDirection = 'source_to_target' | 'target_to_source';

/** What the pass remembers about a record pair, seen from the side records are read from. */
export interface PairState {
  /** Key on the receiving side. */
  readonly toKey: string;
  /** Hash of the payload this pass last wrote. */
  readonly hash: string | undefined;
  /** Version of the read-from record after the engine last wrote it. */
  readonly fromVersion: string | undefined;
  /** Version of the receiving record after the engine last wrote it. */
  readonly toVersion: string | undefined;
}

/** What changes in a pair after a write. */
export interface PairUpdate {
  /** Hash of the payload just written (or found already in place). */
  readonly hash?: string | undefined;
  /** New version of the read-from record (after a write-back). */
  readonly fromVersion?: string | undefined;
  /** New version of the receiving record. */
  readonly toVersion?: string | undefined;
}

/**
 * The link table seen from one pass: a forward pass reads links by source key and owns `hash`; a reverse pass reads
 * them by target key and owns `reverseHash`. Both keep the versions each side had after the engine's own writes, so
 * either pass can recognise its own echo (lessons §9).
 */
export class PairLinks {
  readonly #store: Store;
  readonly #profileId: string;
  readonly #forward: boolean;

  constructor(store: Store, profile: Profile, direction: PassDirection) {
    this.#store = store;
    this.#profileId = profile.id;
    this.#forward = direction === 'source_to_target';
  }

  /** The pair of a read-from record, if linked. */
  async get(fromKey: string): Promise<PairState | undefined> {
    const link = await this.#raw(fromKey);
    return link && this.#state(link);
  }

  /** Whether a receiving record is already linked to another read-from record. */
  async linkedElsewhere(toKey: string, fromKey: string): Promise<string | undefined> {
    const link = this.#forward
      ? await this.#store.getLinkByTarget(this.#profileId, toKey)
      : await this.#store.getLinkBySource(this.#profileId, toKey);
    if (!link) return undefined;
    const other = this.#forward ? link.sourceKey : link.targetKey;
    return other === fromKey ? undefined : other;
  }

  /** Records (or refreshes) the pair after a write, keeping what the other pass owns. */
  async save(fromKey: string, toKey: string, update: PairUpdate): Promise<void> {
    const existing = await this.#raw(fromKey);
    if (this.#forward) {
      await this.#store.upsertLink({
        profileId: this.#profileId,
        sourceKey: fromKey,
        targetKey: toKey,
        hash: update.hash ?? existing?.hash ?? '',
        reverseHash: existing?.reverseHash,
        sourceVersion: update.fromVersion ?? existing?.sourceVersion,
        targetVersion: update.toVersion ?? existing?.targetVersion,
      });
    } else {
      await this.#store.upsertLink({
        profileId: this.#profileId,
        sourceKey: toKey,
        targetKey: fromKey,
        hash: existing?.hash ?? '',
        reverseHash: update.hash ?? existing?.reverseHash,
        sourceVersion: update.toVersion ?? existing?.sourceVersion,
        targetVersion: update.fromVersion ?? existing?.targetVersion,
      });
    }
  }

  #raw(fromKey: string): Promise<Link | undefined> {
    return this.#forward
      ? this.#store.getLinkBySource(this.#profileId, fromKey)
      : this.#store.getLinkByTarget(this.#profileId, fromKey);
  }

  #state(link: Link): PairState {
    return this.#forward
      ? {
          toKey: link.targetKey,
          hash: link.hash || undefined,
          fromVersion: link.sourceVersion,
          toVersion: link.targetVersion,
        }
      : {
          toKey: link.sourceKey,
          hash: link.reverseHash,
          fromVersion: link.targetVersion,
          toVersion: link.sourceVersion,
        };
  }
}
