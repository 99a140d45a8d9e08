import { createHmac, randomBytes } from 'node:crypto';

/** A 256-bit key-encryption key (KEK) and the id recorded in every record it wraps. */
export interface MasterKey {
  /** Derived from the key (not secret, not reversible): 16 hex digits. */
  readonly kid: string;
  /** The 32 key bytes. Secret. */
  readonly key: Buffer;
}

/** The length of a master key in bytes. */
export const MASTER_KEY_BYTES = 32;

/** Wraps 32 bytes as a {@link MasterKey}, deriving its id. */
export function masterKeyFromBytes(key: Buffer): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) throw new RangeError(`A master key has ${MASTER_KEY_BYTES} bytes`);
  const kid = createHmac('sha256', key).update('databridge master key id').digest('hex').slice(0, 16);
  return { kid, key: Buffer.from(key) };
}

/** A new random master key. */
export function generateMasterKey(): MasterKey {
  return masterKeyFromBytes(randomBytes(MASTER_KEY_BYTES));
}

/**
 * Decodes strict base64 of exactly 32 bytes, or returns `undefined` (the caller names the source in its error).
 */
export function decodeMasterKey(text: string): MasterKey | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length !== MASTER_KEY_BYTES || bytes.toString('base64') !== trimmed) return undefined;
  return masterKeyFromBytes(bytes);
}

/** The key as it is written to a key file or `DATABRIDGE_MASTER_KEY`. Secret. */
export function encodeMasterKey(masterKey: MasterKey): string {
  return masterKey.key.toString('base64');
}
