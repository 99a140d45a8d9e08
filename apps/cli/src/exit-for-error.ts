import { isClassifiableError, withRemedy } from '@databridge/core';
import { CliError } from './cli-error.js';
import { EXIT_CODES } from './exit-codes.js';

/** Errors that mean "the user must act", by name (they come from different packages). */
const NEEDS_ACTION = new Set([
  'MasterKeyError',
  'SystemsConfigError',
  'ProfileConfigError',
  'MappingSpecError',
  'RunInProgressError',
  'StoreNotFoundError',
  'SchemaVersionError',
  'VismaConfigError',
  'SuperOfficeConfigError',
]);

/** Kinds of API errors that need the user (sign in again, grant a role, fix the tenant or the data). */
const NEEDS_ACTION_KINDS = new Set(['reauth_required', 'auth_expired', 'permission', 'tenant', 'validation']);

/** The exit code for an error that ended a command: 2 for anything the user can fix, 3 for the rest. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof Error && NEEDS_ACTION.has(error.name)) return EXIT_CODES.needsAction;
  if (isClassifiableError(error) && NEEDS_ACTION_KINDS.has(error.kind)) return EXIT_CODES.needsAction;
  return EXIT_CODES.internal;
}

/** The error as the one line (or few lines, for lists of problems) the CLI prints after `databridge: `. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const remedy = (error as { remedy?: unknown }).remedy;
  return withRemedy(error.message, typeof remedy === 'string' ? remedy : undefined);
}
