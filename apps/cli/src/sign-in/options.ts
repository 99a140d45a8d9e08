import { InvalidArgumentError } from 'commander';

/** Default time to wait for the browser's redirect back: five minutes. */
export const DEFAULT_SIGN_IN_TIMEOUT_SECONDS = 300;

/** Parses `--timeout <s>`: whole seconds from 1 to 3600. */
export function parseTimeoutSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
    throw new InvalidArgumentError('must be a whole number of seconds from 1 to 3600');
  return seconds;
}
