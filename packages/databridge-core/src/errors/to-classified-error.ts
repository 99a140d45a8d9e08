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

/** An error message and its remedy as one text: `"What went wrong. What to do."` (a full stop is added if missing). */
export function withRemedy(message: string, remedy?: string | undefined): string {
  if (!remedy || message.includes(remedy)) return message;
  return `${/[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`} ${remedy}`;
}
