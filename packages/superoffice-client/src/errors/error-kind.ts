/**
 * Every failure of the SuperOffice client is one of these kinds: the same names as `@databridge/visma-client`, so the
 * sync engine treats both APIs alike.
 *
 * - `reauth_required`: consent revoked, refresh token invalid, system user no longer valid: reconnect.
 * - `auth_expired`: the access token or ticket expired; refreshing fixes it.
 * - `permission`: the user or app may not do this (403, consent missing, not an administrator).
 * - `tenant`: the tenant is suspended, deleted, in offline maintenance, or cannot be routed.
 * - `rate_limited`, `transient`, `validation`, `not_found`, `conflict` (409 JSON Patch test / 412), `protocol`,
 *   `unknown`.
 */
export const SUPEROFFICE_ERROR_KINDS = [
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

/** One of {@link SUPEROFFICE_ERROR_KINDS}. */
export type SuperOfficeErrorKind = (typeof SUPEROFFICE_ERROR_KINDS)[number];
