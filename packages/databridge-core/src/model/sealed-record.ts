import { z } from 'zod';

/** The purpose connection tokens are sealed under (part of their AAD). */
export const TOKENS_PURPOSE = 'tokens';

/**
 * A secret sealed by the token vault (AES-256-GCM envelope encryption). Every field except `v` and `kid` is base64.
 * It is the only form in which tokens reach a store.
 */
export interface SealedRecord {
  /** Format version; currently 1. */
  readonly v: 1;
  /** Id of the master key (KEK) that wraps `wrappedDek`. */
  readonly kid: string;
  /** 96-bit IV of the payload encryption. */
  readonly iv: string;
  /** 128-bit GCM tag of the payload. */
  readonly tag: string;
  /** The encrypted payload. */
  readonly ct: string;
  /** The random data key (DEK), encrypted with the master key. */
  readonly wrappedDek: string;
  /** 96-bit IV of the DEK wrapping. */
  readonly dekIv: string;
  /** 128-bit GCM tag of the DEK wrapping. */
  readonly dekTag: string;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** Schema for a {@link SealedRecord} read back from a store. */
export const sealedRecordSchema: z.ZodType<SealedRecord> = z.object({
  v: z.literal(1),
  kid: z.string().min(1),
  iv: base64,
  tag: base64,
  ct: base64,
  wrappedDek: base64,
  dekIv: base64,
  dekTag: base64,
});
