/**
 * A link between a source record and the target record a profile wrote for it. Within a profile each source key
 * and each target key appears at most once.
 */
export interface Link {
  /** The profile that made it. */
  readonly profileId: string;
  /** Key of the source record. */
  readonly sourceKey: string;
  /** Key of the target record. */
  readonly targetKey: string;
  /** Content hash of the payload last written to the target, to skip unchanged records. */
  readonly hash: string;
  /** Content hash of the payload last written back to the source (two-way profiles), when any. */
  readonly reverseHash?: string | undefined;
  /** Version of the source record right after the engine last wrote it, to recognise its own change (loop prevention). */
  readonly sourceVersion?: string | undefined;
  /** Version of the target record right after the engine last wrote it, to recognise its own change. */
  readonly targetVersion?: string | undefined;
  /** ISO 8601, when it was last written. */
  readonly updatedAt: string;
}

/** What a caller gives to create or replace a {@link Link}. */
export type LinkInput = Omit<Link, 'updatedAt'>;
