export {
  type LoadedMasterKey,
  type LoadMasterKeyOptions,
  loadMasterKey,
  MASTER_KEY_ENV,
  MASTER_KEY_FILE,
} from './load-master-key.js';
export {
  decodeMasterKey,
  encodeMasterKey,
  generateMasterKey,
  MASTER_KEY_BYTES,
  type MasterKey,
  masterKeyFromBytes,
} from './master-key.js';
export { MasterKeyError } from './master-key-error.js';
export {
  REFRESH_LEASE_TTL_MS,
  REFRESH_LEASE_WAIT_MS,
  type SealedTokenStore,
  type StoredTokens,
  sealedTokenStore,
} from './sealed-token-store.js';
export {
  type RotationResult,
  type SealedBlobStore,
  TokenVault,
  type TokenVaultOptions,
} from './token-vault.js';
export { VaultError } from './vault-error.js';
