import { randomBytes } from 'node:crypto';
import { type SealedRecord, sealedRecordSchema } from '../model/index.js';
import type { Store } from '../store/index.js';
import { dekAad, payloadAad, SEALED_FORMAT_VERSION } from './aad.js';
import { type GcmBox, gcmDecrypt, gcmEncrypt } from './aes-gcm.js';
import type { MasterKey } from './master-key.js';
import { VaultError } from './vault-error.js';

/** The part of a {@link Store} that key rotation needs. */
export type SealedBlobStore = Pick<Store, 'listSealedBlobs' | 'replaceSealedBlob'>;

/** Options of {@link TokenVault}. */
export interface TokenVaultOptions {
  /** The master key new records are wrapped with. */
  readonly masterKey: MasterKey;
  /** Older master keys still accepted when opening (for records not yet re-wrapped). */
  readonly previousKeys?: readonly MasterKey[];
  /** The store whose sealed records {@link TokenVault.rotateMasterKey} re-wraps. */
  readonly store?: SealedBlobStore;
}

/** What {@link TokenVault.rotateMasterKey} did. */
export interface RotationResult {
  /** Records re-wrapped with the new key. */
  readonly rewrapped: number;
  /** Records already wrapped with the new key. */
  readonly alreadyCurrent: number;
}

const b64 = (bytes: Buffer) => bytes.toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

/**
 * AES-256-GCM envelope encryption of connection secrets. Each seal draws a fresh random data key (DEK), encrypts
 * the payload with it (AAD: connection id + purpose), and wraps the DEK with the master key (AAD: connection id +
 * purpose + key id). Errors never contain plaintext or key material.
 */
export class TokenVault {
  #current: MasterKey;
  readonly #keys = new Map<string, MasterKey>();
  readonly #store: SealedBlobStore | undefined;

  /** @param options - Keys and the store to rotate. */
  constructor(options: TokenVaultOptions) {
    this.#current = options.masterKey;
    for (const key of [...(options.previousKeys ?? []), options.masterKey]) this.#keys.set(key.kid, key);
    this.#store = options.store;
  }

  /** Id of the master key new records are wrapped with. */
  get currentKid(): string {
    return this.#current.kid;
  }

  /** Encrypts `plaintextJson` for `connectionId` and `purpose` (such as `tokens`). */
  seal(connectionId: string, purpose: string, plaintextJson: string): SealedRecord {
    const dek = randomBytes(32);
    try {
      const payload = gcmEncrypt(dek, Buffer.from(plaintextJson, 'utf8'), payloadAad(connectionId, purpose));
      const wrapped = this.#wrap(dek, connectionId, purpose, this.#current);
      return {
        v: SEALED_FORMAT_VERSION,
        kid: this.#current.kid,
        iv: b64(payload.iv),
        tag: b64(payload.tag),
        ct: b64(payload.ct),
        wrappedDek: b64(wrapped.ct),
        dekIv: b64(wrapped.iv),
        dekTag: b64(wrapped.tag),
      };
    } finally {
      dek.fill(0);
    }
  }

  /**
   * Decrypts a record sealed for `connectionId` and `purpose`.
   *
   * @throws VaultError when any byte was changed, the record belongs to another connection or purpose, or its
   *   master key is not known.
   */
  open(connectionId: string, purpose: string, sealed: SealedRecord): string {
    const record = this.#parse(connectionId, purpose, sealed);
    const dek = this.#unwrap(connectionId, purpose, record);
    try {
      const box: GcmBox = { iv: unb64(record.iv), tag: unb64(record.tag), ct: unb64(record.ct) };
      const plaintext = gcmDecrypt(dek, box, payloadAad(connectionId, purpose));
      if (!plaintext)
        throw new VaultError(
          connectionId,
          purpose,
          'the ciphertext failed authentication (it was changed, or sealed for another connection or purpose)',
        );
      return plaintext.toString('utf8');
    } finally {
      dek.fill(0);
    }
  }

  /**
   * Makes `newKey` the current master key and re-wraps the data key of every sealed record in the store with it;
   * payloads are not touched. The old key stays accepted by this vault. Persist `newKey` (key file or
   * `DATABRIDGE_MASTER_KEY`) before discarding the old one, and stop other processes meanwhile: they still wrap with
   * the old key.
   *
   * @throws VaultError when a record cannot be unwrapped; records before it stay re-wrapped, and rerunning is safe.
   */
  async rotateMasterKey(newKey: MasterKey): Promise<RotationResult> {
    if (!this.#store)
      throw new Error('This TokenVault was created without a store, so it cannot rotate keys');
    this.#keys.set(newKey.kid, newKey);
    this.#current = newKey;
    let rewrapped = 0;
    let alreadyCurrent = 0;
    for (let pass = 0; pass < 5; pass++) {
      let conflicts = 0;
      for (const ref of await this.#store.listSealedBlobs()) {
        if (ref.sealed.kid === newKey.kid) {
          if (pass === 0) alreadyCurrent++;
          continue;
        }
        const next = this.rewrap(ref.connectionId, ref.purpose, ref.sealed);
        if (await this.#store.replaceSealedBlob(ref, next)) rewrapped++;
        else conflicts++;
      }
      if (conflicts === 0) return { rewrapped, alreadyCurrent };
    }
    throw new Error('Key rotation kept losing races with concurrent token writes; run it again');
  }

  /** Re-wraps the data key of one record with the current master key, keeping its payload. */
  rewrap(connectionId: string, purpose: string, sealed: SealedRecord): SealedRecord {
    const record = this.#parse(connectionId, purpose, sealed);
    const dek = this.#unwrap(connectionId, purpose, record);
    try {
      const wrapped = this.#wrap(dek, connectionId, purpose, this.#current);
      return {
        ...record,
        kid: this.#current.kid,
        wrappedDek: b64(wrapped.ct),
        dekIv: b64(wrapped.iv),
        dekTag: b64(wrapped.tag),
      };
    } finally {
      dek.fill(0);
    }
  }

  #parse(connectionId: string, purpose: string, sealed: SealedRecord): SealedRecord {
    const parsed = sealedRecordSchema.safeParse(sealed);
    if (!parsed.success)
      throw new VaultError(connectionId, purpose, 'it is not a sealed record of a known format');
    return parsed.data;
  }

  #wrap(dek: Buffer, connectionId: string, purpose: string, key: MasterKey): GcmBox {
    return gcmEncrypt(key.key, dek, dekAad(connectionId, purpose, key.kid));
  }

  #unwrap(connectionId: string, purpose: string, record: SealedRecord): Buffer {
    const key = this.#keys.get(record.kid);
    if (!key)
      throw new VaultError(
        connectionId,
        purpose,
        `it is wrapped with master key ${record.kid}, which this vault does not have (wrong DATABRIDGE_MASTER_KEY or key file?)`,
      );
    const box: GcmBox = { iv: unb64(record.dekIv), tag: unb64(record.dekTag), ct: unb64(record.wrappedDek) };
    const dek = gcmDecrypt(key.key, box, dekAad(connectionId, purpose, record.kid));
    if (dek?.length !== 32)
      throw new VaultError(
        connectionId,
        purpose,
        'its data key failed authentication (it was changed, or sealed for another connection or purpose)',
      );
    return dek;
  }
}
