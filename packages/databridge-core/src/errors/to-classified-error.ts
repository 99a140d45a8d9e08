import { isClassifiableError } from '../connectors/connector-error.js';
import type { ClassifiedError } from '../model/classified-error.js';

/**
 * Turns anything thrown by a client or connector into the {@link ClassifiedError} kept on runs, records and
 * connections: its kind, its (already redacted) message and its remedy. Errors without a kind become `unknown`.
 */
export function toClassifiedError(error: unknown, at: Date): ClassifiedError {
  if (isClassifiableError(error)) {
    return {
      kind: error.kind,
      message: error.message,
      ...(error.remedy === undefined ? {} : { remedy: error.remedy }),
      at: at.toISOString(),
    };
  }
  return {
    kind: 'unknown',
    message: error instanceof Error ? error.message : String(error),
    at: at.toISOString(),
  };
}
