/**
 * Every failure of the Visma client is one of these kinds. The names are shared with `@databridge/superoffice-client`
 * and `@databridge/core`, so the sync engine treats both APIs alike.
 *
 * - `reauth_required`: the connection must be made again (revoked or expired grant, legacy connection).
 * - `auth_expired`: the access token expired; a refresh fixes it.
 * - `permission`: a role, licence, scope or App Store approval is missing.
 * - `tenant`: the token is for another company, or for the Customer instead of the Company tenant.
 * - `rate_limited`: the company's request budget is spent; wait `retryAfterMs`.
 * - `transient`: network failure, timeout or 502/503/504; safe to retry idempotent calls.
 * - `validation`: Visma refused the data; fix the record.
 * - `not_found`, `conflict` (stale ETag / If-Match), `protocol` (a response we cannot read), `unknown`.
 */
export const VISMA_ERROR_KINDS = [
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

/** One of {@link VISMA_ERROR_KINDS}. */
export type VismaErrorKind = (typeof VISMA_ERROR_KINDS)[number];
