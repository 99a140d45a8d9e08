import { redact } from '../internal/redact.js';
import type { SuperOfficeErrorKind } from './error-kind.js';
import { type ParsedSuperOfficeErrorBody, parseSuperOfficeErrorBody } from './parse-error-body.js';
import { SuperOfficeError } from './superoffice-error.js';

/** Who and what the failing call was about, so the remedy can name the tenant and the user. */
export interface SuperOfficeErrorContext {
  /** Tenant context identifier, e.g. `Cust12345`. */
  readonly tenant?: string | undefined;
  /** The signed-in user (e-mail or name), or `the system user`. */
  readonly user?: string | undefined;
  /** The app's client id. */
  readonly clientId?: string | undefined;
  /** `METHOD path` of the request. */
  readonly request?: string | undefined;
  /** False for POST: never marked retryable once sent. */
  readonly idempotent?: boolean | undefined;
  /** True when the credential was renewed just before this attempt: a 401 then means re-authentication. */
  readonly afterRenewal?: boolean | undefined;
}

/** A response to classify. */
export interface SuperOfficeErrorResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response headers (for Retry-After). */
  readonly headers?: Headers | Readonly<Record<string, string>> | undefined;
  /** The body as received: string, parsed JSON or nothing. */
  readonly body?: unknown;
}

/**
 * Turns any SuperOffice WebAPI or SuperID error response into a {@link SuperOfficeError} with a kind and a remedy
 * (superoffice.md §15; 429/503 are undocumented upstream, so they are handled defensively, §16).
 */
export function classifySuperOfficeError(
  response: SuperOfficeErrorResponse,
  context: SuperOfficeErrorContext = {},
): SuperOfficeError {
  const parsed = parseSuperOfficeErrorBody(response.body);
  const { kind, remedy, retryable } = decide(response.status, parsed, context);
  return new SuperOfficeError({
    kind,
    remedy,
    retryable: retryable && context.idempotent !== false,
    retryAfterMs: kind === 'rate_limited' || kind === 'transient' ? retryAfter(response.headers) : undefined,
    status: response.status,
    faultCode: parsed.errorType,
    body:
      typeof response.body === 'string'
        ? response.body
        : response.body === undefined
          ? undefined
          : JSON.stringify(response.body),
    detail: parsed.message ? redact(parsed.message) : undefined,
    tenant: context.tenant,
    request: context.request,
    message: `${context.request ? `${context.request}: ` : ''}${kind.replace('_', ' ')} [${response.status || 'no response'}]${parsed.message ? ` (${redact(parsed.message).slice(0, 300)})` : ''}`,
  });
}

/** A request that got no response: refused, reset, DNS failure or timeout. */
export function classifySuperOfficeNetworkError(
  cause: unknown,
  context: SuperOfficeErrorContext = {},
): SuperOfficeError {
  const idempotent = context.idempotent !== false;
  return new SuperOfficeError({
    kind: 'transient',
    status: 0,
    retryable: idempotent,
    message: `${context.request ?? 'Request'} failed before a response arrived: ${redact(String((cause as Error | undefined)?.message ?? cause))}`,
    remedy: idempotent
      ? 'Check the network connection to SuperOffice; the request can be retried.'
      : 'The write may or may not have been applied: look the record up before sending it again.',
    tenant: context.tenant,
    request: context.request,
    cause,
  });
}

function decide(
  status: number,
  parsed: ParsedSuperOfficeErrorBody,
  context: SuperOfficeErrorContext,
): { kind: SuperOfficeErrorKind; remedy: string; retryable: boolean } {
  const tenant = context.tenant ? `tenant ${context.tenant}` : 'the tenant';
  switch (parsed.errorType) {
    case 'invalid_grant':
      return {
        kind: 'reauth_required',
        retryable: false,
        remedy: `The SuperOffice connection to ${tenant} was revoked (app uninstalled or consent withdrawn) or has expired: reconnect it${context.user ? ` as ${context.user}` : ''}.`,
      };
    case 'invalid_client':
    case 'unauthorized_client':
      return {
        kind: 'reauth_required',
        retryable: false,
        remedy: `SuperID rejected the app's client id or secret${context.clientId ? ` (${context.clientId})` : ''}: check them in the SuperOffice Developer Portal for this environment, then reconnect.`,
      };
    case 'access_denied':
      return {
        kind: 'permission',
        retryable: false,
        remedy: `Access was denied: a SuperOffice administrator of ${tenant} must approve the app, then reconnect.`,
      };
    default:
      break;
  }
  // The tenant host says the tenant is not running (Suspended, Deleted, OfflineMaintenance; superoffice.md §2).
  if (parsed.errorType === 'SoTenantNotRunningException') {
    return {
      kind: 'tenant',
      retryable: false,
      remedy: `SuperOffice ${tenant} is not running (${parsed.message || 'state unknown'}): syncs are paused until its administrator or SuperOffice brings it back.`,
    };
  }
  if (status === 401) {
    return context.afterRenewal
      ? {
          kind: 'reauth_required',
          retryable: false,
          remedy: `SuperOffice refused a freshly renewed credential for ${tenant}: reconnect (an administrator may have uninstalled the app or revoked its consent).`,
        }
      : {
          kind: 'auth_expired',
          retryable: false,
          remedy: `The credential for ${tenant} expired; renew it and retry.`,
        };
  }
  if (status === 403) {
    return {
      kind: 'permission',
      retryable: false,
      remedy: `SuperOffice refused the call for ${tenant}: ${context.user ?? 'the connected user'} lacks the rights for it, or the app lacks the needed access.`,
    };
  }
  if (status === 404)
    return {
      kind: 'not_found',
      retryable: false,
      remedy: 'The record does not exist (any more) in SuperOffice.',
    };
  if (status === 409 || status === 412) {
    return {
      kind: 'conflict',
      retryable: false,
      remedy: 'The record changed in SuperOffice since it was read: read it again and re-apply the change.',
    };
  }
  if (status === 421) {
    return {
      kind: 'tenant',
      retryable: false,
      remedy: `SuperOffice says ${tenant} lives on another host, even after re-resolving it: check the tenant's status, then retry later.`,
    };
  }
  if (status === 429) {
    return {
      kind: 'rate_limited',
      retryable: true,
      remedy: `SuperOffice is throttling calls to ${tenant}: lower the request rate (its guidance is at most 10 calls per second).`,
    };
  }
  if (status === 502 || status === 503 || status === 504 || status === 408) {
    return {
      kind: 'transient',
      retryable: true,
      remedy: 'SuperOffice is temporarily unavailable; the request can be retried.',
    };
  }
  if (status === 400 || status === 422) {
    return {
      kind: 'validation',
      retryable: false,
      remedy: 'SuperOffice rejected the data: fix the record as the message says.',
    };
  }
  return {
    kind: 'unknown',
    retryable: false,
    remedy: `SuperOffice failed with status ${status}; try again later or contact support.`,
  };
}

function retryAfter(headers: SuperOfficeErrorResponse['headers']): number | undefined {
  const value =
    headers instanceof Headers
      ? headers.get('retry-after')
      : (headers?.['retry-after'] ?? headers?.['Retry-After']);
  if (value === undefined || value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
