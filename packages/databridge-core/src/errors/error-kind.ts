/**
 * The small set of error kinds every DataBridge client classifies its failures into. The Visma and SuperOffice clients
 * use the same names, so the sync engine treats both alike.
 */
export const ERROR_KINDS = [
  'reauth_required',
  'auth_expired',
  'permission',
  'tenant',
  'rate_limited',
  'transient',
  'validation',
  'not_found',
  'conflict',
  'protocol',
  'unknown',
] as const;

/** One of {@link ERROR_KINDS}. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Type guard for values read from a store, a file or another process. */
export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}
