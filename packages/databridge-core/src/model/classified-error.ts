import { z } from 'zod';
import { ERROR_KINDS, type ErrorKind } from '../errors/error-kind.js';

/** A failure as a client classified it, kept on a connection or a run record. Never holds secrets. */
export interface ClassifiedError {
  /** The shared error kind, which decides retries and connection health. */
  readonly kind: ErrorKind;
  /** What went wrong, already redacted by the client. */
  readonly message: string;
  /** The sentence telling the user what to do, when the client gave one. */
  readonly remedy?: string | undefined;
  /** When it happened, ISO 8601. */
  readonly at: string;
}

/** Schema for a {@link ClassifiedError} read back from a store. */
export const classifiedErrorSchema: z.ZodType<ClassifiedError> = z.object({
  kind: z.enum(ERROR_KINDS as readonly [ErrorKind, ...ErrorKind[]]),
  message: z.string(),
  remedy: z.string().optional(),
  at: z.string(),
});
