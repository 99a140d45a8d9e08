import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** Where DataBridge keeps its store and key file unless `DATABRIDGE_HOME` says otherwise. */
export function defaultDatabridgeHome(home: string = homedir()): string {
  return join(home, '.databridge');
}

/** Inputs to {@link resolveDatabridgeHome}; defaults come from the running process. */
export interface ResolveHomeOptions {
  /** Environment to read `DATABRIDGE_HOME` from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Base for a relative `DATABRIDGE_HOME` (default `process.cwd()`). */
  cwd?: string;
  /** The user's home folder (default `os.homedir()`). */
  userHome?: string;
}

/**
 * The DataBridge home folder: `DATABRIDGE_HOME` when set (relative paths resolve against `cwd`), otherwise
 * `~/.databridge`. Always an absolute path.
 *
 * @throws Error when `DATABRIDGE_HOME` is set but blank.
 */
export function resolveDatabridgeHome(options: ResolveHomeOptions = {}): string {
  const env = options.env ?? process.env;
  const value = env.DATABRIDGE_HOME;
  if (value === undefined) return defaultDatabridgeHome(options.userHome);
  if (value.trim() === '')
    throw new Error('DATABRIDGE_HOME is set but empty: unset it or give it a folder path');
  return isAbsolute(value) ? value : resolve(options.cwd ?? process.cwd(), value);
}
