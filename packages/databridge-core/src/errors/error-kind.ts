import { VISMA_ERROR_KINDS, type VismaErrorKind } from '@databridge/visma-client';

/**
 * The small set of error kinds every DataBridge client classifies its failures into, so the sync engine treats all
 * APIs alike. The list is defined once, by `@databridge/visma-client`; other clients use the same names.
 */
export const ERROR_KINDS: readonly ErrorKind[] = VISMA_ERROR_KINDS;

/** One of {@link ERROR_KINDS}. */
export type ErrorKind = VismaErrorKind;

/** Type guard for values read from a store, a file or another process. */
export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}
