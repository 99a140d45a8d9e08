import { z } from 'zod';
import type { JsonValue } from '../model/json.js';

/** The checkpoint of one direction of a profile. */
export interface PassCheckpoint {
  /**
   * ISO 8601 start of the last complete run: the next run reads changes since this minus the overlap (lessons §6: the
   * watermark is the start of the last successful run, never the attempt time of a failed one).
   */
  readonly watermark?: string | undefined;
  /**
   * A run that stopped half-way: when it started (the watermark it will set), the last acknowledged page, and
   * whether more records failed than the checkpoint could carry (then the watermark must not move).
   */
  readonly resume?:
    | { readonly startedAt: string; readonly cursor: JsonValue; readonly overflow?: true | undefined }
    | undefined;
  /** Keys of records that failed and are read again first by the next run, so no change is lost. */
  readonly retry?: readonly string[] | undefined;
}

/** What a profile's checkpoint holds: one entry per direction it runs in. */
export interface ProfileCheckpoint {
  /** Format version. */
  readonly v: 1;
  /** Source → target. */
  readonly forward?: PassCheckpoint | undefined;
  /** Target → source (two-way profiles). */
  readonly reverse?: PassCheckpoint | undefined;
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const passSchema = z.object({
  watermark: z.iso.datetime({ offset: true }).optional(),
  resume: z
    .object({
      startedAt: z.iso.datetime({ offset: true }),
      cursor: jsonValue,
      overflow: z.literal(true).optional(),
    })
    .optional(),
  retry: z.array(z.string()).optional(),
});

const checkpointSchema = z.object({
  v: z.literal(1),
  forward: passSchema.optional(),
  reverse: passSchema.optional(),
});

/** Reads a stored checkpoint; a missing one is an empty checkpoint, a corrupt one an error naming the profile. */
export function readCheckpoint(value: JsonValue | undefined, profileName: string): ProfileCheckpoint {
  if (value === undefined) return { v: 1 };
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `The checkpoint of profile ${JSON.stringify(profileName)} is unreadable (${parsed.error.issues[0]?.message ?? 'bad shape'}); reset it to run from the start`,
    );
  }
  return parsed.data as ProfileCheckpoint;
}

/** The checkpoint as JSON for the store (undefined fields dropped). */
export function checkpointJson(checkpoint: ProfileCheckpoint): JsonValue {
  return JSON.parse(JSON.stringify(checkpoint)) as JsonValue;
}
