import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMasterKey, encodeMasterKey, generateMasterKey, type MasterKey } from './master-key.js';
import { MasterKeyError } from './master-key-error.js';

/** The environment variable holding the master key as base64. */
export const MASTER_KEY_ENV = 'DATABRIDGE_MASTER_KEY';

/** The key file name inside the DataBridge home. */
export const MASTER_KEY_FILE = 'master.key';

/** Where {@link loadMasterKey} looks. */
export interface LoadMasterKeyOptions {
  /** The DataBridge home folder, holding `master.key`. */
  readonly home: string;
  /** Environment to read {@link MASTER_KEY_ENV} from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A loaded master key and where it came from. */
export interface LoadedMasterKey {
  /** The key. */
  readonly masterKey: MasterKey;
  /** `env`, `file` (existing key file) or `created` (key file written now). */
  readonly source: 'env' | 'file' | 'created';
  /** The key file, for `file` and `created`. */
  readonly file?: string;
}

/**
 * The master key: from `DATABRIDGE_MASTER_KEY` when set, otherwise from `<home>/master.key`, which is created with a
 * new random key and mode 0600 on first use. A key file that group or others may read is refused.
 *
 * @throws MasterKeyError naming the variable or file (never the key) when it is malformed or unsafe.
 */
export function loadMasterKey(options: LoadMasterKeyOptions): LoadedMasterKey {
  const value = (options.env ?? process.env)[MASTER_KEY_ENV];
  if (value !== undefined) {
    const masterKey = decodeMasterKey(value);
    if (!masterKey)
      throw new MasterKeyError(
        `${MASTER_KEY_ENV} must be the base64 encoding of exactly 32 bytes (for example from ` +
          '`openssl rand -base64 32`); the value set is not',
      );
    return { masterKey, source: 'env' };
  }
  const file = join(options.home, MASTER_KEY_FILE);
  const created = createKeyFile(options.home, file);
  if (created) return { masterKey: created, source: 'created', file };
  return { masterKey: readKeyFile(file), source: 'file', file };
}

/**
 * Writes a new key file (mode 0600) atomically: the key goes to a private temporary file that is then hard-linked
 * into place, so a process racing to create it either wins or reads a complete file. `undefined` when one exists.
 */
function createKeyFile(home: string, file: string): MasterKey | undefined {
  const masterKey = generateMasterKey();
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${encodeMasterKey(masterKey)}\n`, { mode: 0o600, flag: 'wx' });
    linkSync(temporary, file);
    return masterKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new MasterKeyError(`Cannot create the master key file ${file}: ${(error as Error).message}`);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readKeyFile(file: string): MasterKey {
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new MasterKeyError(
      `The master key file ${file} has mode ${mode.toString(8).padStart(4, '0')}, so other users may read it; ` +
        `run \`chmod 600 ${file}\` (and consider the key exposed)`,
    );
  const masterKey = decodeMasterKey(readFileSync(file, 'utf8'));
  if (!masterKey)
    throw new MasterKeyError(
      `The master key file ${file} does not hold the base64 encoding of exactly 32 bytes`,
    );
  return masterKey;
}
