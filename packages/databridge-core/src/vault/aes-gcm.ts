import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** IV length: 96 bits, as GCM recommends. */
export const IV_BYTES = 12;
/** Tag length: 128 bits. */
export const TAG_BYTES = 16;

/** One AES-256-GCM encryption result. */
export interface GcmBox {
  /** Random IV. */
  readonly iv: Buffer;
  /** Authentication tag. */
  readonly tag: Buffer;
  /** Ciphertext. */
  readonly ct: Buffer;
}

/** Encrypts `plaintext` under `key` with a fresh random IV, authenticating `aad`. */
export function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): GcmBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

/**
 * Decrypts and authenticates, or returns `undefined` when the box, key or AAD does not match (the caller words the
 * error; Node's own message is not passed on).
 */
export function gcmDecrypt(key: Buffer, box: GcmBox, aad: Buffer): Buffer | undefined {
  if (box.iv.length !== IV_BYTES || box.tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ct), decipher.final()]);
  } catch {
    return undefined;
  }
}
