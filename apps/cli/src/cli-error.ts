import { EXIT_CODES } from './exit-codes.js';

/**
 * A failure the user can fix (bad flag or file, unknown profile, missing configuration): printed as one line and
 * ending with exit code 2, with nothing changed in the store.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** The exit code (default 2, "needs action"). */
  readonly exitCode: number;

  /** @param message - one line naming the problem and, when possible, the fix. */
  constructor(message: string, exitCode: number = EXIT_CODES.needsAction) {
    super(message);
    this.exitCode = exitCode;
  }
}
