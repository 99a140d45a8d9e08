import { redact } from '../internal/redact.js';
import type { VismaErrorKind } from './error-kind.js';
import { type ParsedErrorBody, parseErrorBody } from './parse-error-body.js';
import { VismaError } from './visma-error.js';

/** Who and what the failing call was about, so the remedy can name the role, the user and the company. */
export interface VismaErrorContext {
  /** The Company tenant id the client is bound to. */
  readonly companyId?: string | undefined;
  /** A human name for the company, when known. */
  readonly companyName?: string | undefined;
  /** The connected user's e-mail or name, when known (interactive connections). */
  readonly user?: string | undefined;
  /** The app's client id. */
  readonly clientId?: string | undefined;
  /** Milliseconds since the access token was issued; a 401 on a token this fresh means the wrong tenant id. */
  readonly tokenAgeMs?: number | undefined;
  /** Where the response came from: the API (default) or Visma Connect's token endpoint. */
  readonly source?: 'api' | 'token' | undefined;
  /** `METHOD path` of the request. */
  readonly request?: string | undefined;
  /** Whether the request was a POST or another non-idempotent call (never marked retryable after it was sent). */
  readonly idempotent?: boolean | undefined;
}

/** A response to classify: status, headers and body as received (string, parsed JSON, or nothing). */
export interface VismaErrorResponse {
  /** HTTP status code of the response. */
  readonly status: number;
  /** Response headers; read for `Retry-After` and `X-RateLimit-Reset` on 429 and transient errors. */
  readonly headers?: Headers | Readonly<Record<string, string>> | undefined;
  /** The body as text or parsed JSON; `undefined` when empty. Any shape of visma-net.md §3.1 is understood. */
  readonly body?: unknown;
}

/** A 401 this soon after a token was issued cannot be an expired token: the token is for another tenant. */
const FRESH_TOKEN_MS = 60_000;

/**
 * Turns any Visma.net or Visma Connect error response into a {@link VismaError} with a kind and a remedy.
 * Works on every documented body shape (IPP envelope, `message` with VismaId, `Message`, text/HTML, OAuth).
 */
export function classifyVismaError(
  response: VismaErrorResponse,
  context: VismaErrorContext = {},
): VismaError {
  const parsed = parseErrorBody(response.body);
  const { kind, remedy, retryable } = decide(response.status, parsed, context);
  const retryAfterMs =
    kind === 'rate_limited' || kind === 'transient' ? retryAfter(response.headers, kind) : undefined;
  const detail = parsed.message ? redact(parsed.message) : undefined;
  return new VismaError({
    kind,
    remedy,
    retryable: retryable && context.idempotent !== false,
    retryAfterMs,
    status: response.status,
    faultCode: parsed.faultCode ?? parsed.oauthError,
    correlationId: parsed.correlationId,
    body: rawBody(response.body),
    detail,
    companyId: context.companyId,
    request: context.request,
    message: headline(kind, response.status, parsed, context),
  });
}

/** A request that got no response at all: connection refused or reset, DNS failure, or a timeout. */
export function classifyNetworkError(cause: unknown, context: VismaErrorContext = {}): VismaError {
  const timedOut = (cause as { name?: string } | undefined)?.name === 'TimeoutError';
  const idempotent = context.idempotent !== false;
  return new VismaError({
    kind: 'transient',
    status: 0,
    retryable: idempotent,
    message: `${context.request ?? 'Request'} ${timedOut ? 'timed out' : 'failed before a response arrived'}: ${redact(String((cause as Error | undefined)?.message ?? cause))}`,
    remedy: idempotent
      ? 'Check the network connection to Visma.net; the request can be retried.'
      : 'The write may or may not have been applied: look the record up before sending it again.',
    companyId: context.companyId,
    request: context.request,
    cause,
  });
}

function decide(
  status: number,
  parsed: ParsedErrorBody,
  context: VismaErrorContext,
): { kind: VismaErrorKind; remedy: string; retryable: boolean } {
  const company = companyLabel(context);
  const user = context.user ? `user ${context.user}` : 'the connected user';
  const apiUserRole = `Give ${user} the 'API User' role for ${company} in Visma.net Admin (Users and roles), wait 10-15 minutes, then reconnect as that user.`;

  // Visma Connect token endpoint (OAuth error shape), visma-net.md §2.9 and §3.1 item 5.
  switch (parsed.oauthError) {
    case 'invalid_grant':
      return {
        kind: 'reauth_required',
        retryable: false,
        remedy: `The Visma connection for ${company} was revoked or has expired: reconnect it (sign in again as ${context.user ?? 'a user with the API User role'}).`,
      };
    case 'invalid_tenant':
      // A service app (no user) is refused when no Integration Administrator approved it for the tenant.
      return {
        kind: 'permission',
        retryable: false,
        remedy:
          context.source === 'token' && !context.user
            ? `The app${context.clientId ? ` ${context.clientId}` : ''} is not approved for ${company}: an Integration Administrator must approve it in the Visma App Store, and the tenant id must be the Company tenant id.`
            : apiUserRole,
      };
    case 'invalid_client':
    case 'unauthorized_client':
      return {
        kind: 'reauth_required',
        retryable: false,
        remedy: `Visma Connect rejected the app's client id or secret${context.clientId ? ` (${context.clientId})` : ''}: check them in the Visma Developer Portal, then reconnect.`,
      };
    case 'invalid_scope':
    case 'access_denied':
      return {
        kind: 'permission',
        retryable: false,
        remedy: `Access was denied: make sure ${user} has the 'API User' role for ${company} and accepts the requested scopes, then reconnect.`,
      };
    case 'temporarily_unavailable':
    case 'server_error':
      return {
        kind: 'transient',
        retryable: true,
        remedy: 'Visma Connect is unavailable; try again in a few minutes.',
      };
    case undefined:
      break;
    default:
      return {
        kind: 'validation',
        retryable: false,
        remedy: `Visma Connect refused the request (${parsed.oauthError}); check the connection settings.`,
      };
  }

  // IPP fault codes (visma-net.md §2.9): 12002 is the legacy ipp-company-id failure, 12027 "No license".
  if (parsed.faultCode === '12002' || /ipp-company-id/i.test(parsed.message)) {
    return {
      kind: 'reauth_required',
      retryable: false,
      remedy: `This connection was made the old way (no company in the token) or ${user} lacks the 'API User' role for ${company}: give that role per company in Visma.net Admin, then reconnect and pick ${company} at sign-in.`,
    };
  }
  if (parsed.faultCode === '12027') return { kind: 'permission', retryable: false, remedy: apiUserRole };

  if (status === 401) {
    if (context.tokenAgeMs !== undefined && context.tokenAgeMs < FRESH_TOKEN_MS) {
      return {
        kind: 'tenant',
        retryable: false,
        remedy: `Visma.net refused a brand-new token for ${company}: the connection uses the Customer tenant id instead of the Company tenant id. Use the tenant id from Visma.net Admin > Company > Configuration, then reconnect.`,
      };
    }
    return {
      kind: 'auth_expired',
      retryable: false,
      remedy: `The access token for ${company} expired or was revoked; refresh it, and reconnect if that fails.`,
    };
  }
  if (status === 403) {
    return {
      kind: 'permission',
      retryable: false,
      remedy: `Visma.net refused the call for ${company}: the connection lacks the scope for it (read, create, update or delete). Reconnect asking for that scope, and check that ${user} has the 'API User' role.`,
    };
  }
  if (status === 404)
    return {
      kind: 'not_found',
      retryable: false,
      remedy: 'The record does not exist (any more) in Visma.net.',
    };
  if (status === 409 || status === 412) {
    return {
      kind: 'conflict',
      retryable: false,
      remedy: 'The record changed in Visma.net since it was read: read it again and re-apply the change.',
    };
  }
  if (status === 429) {
    return {
      kind: 'rate_limited',
      retryable: true,
      remedy: `The hourly request budget for ${company} is spent: wait for the window to reset, and lower the request rate or concurrency.`,
    };
  }
  if (status === 408 || status === 502 || status === 503 || status === 504) {
    return {
      kind: 'transient',
      retryable: true,
      remedy: 'Visma.net is temporarily unavailable; the request can be retried.',
    };
  }
  if (status === 400 || status === 422) {
    return {
      kind: 'validation',
      retryable: false,
      remedy: `Visma.net rejected the data${parsed.correlationId ? ` (VismaId ${parsed.correlationId})` : ''}: fix the record as the message says.`,
    };
  }
  return {
    kind: 'unknown',
    retryable: false,
    remedy: `Visma.net failed with status ${status}${parsed.correlationId ? `; quote ${parsed.correlationId} to Visma support` : ''}.`,
  };
}

function headline(
  kind: VismaErrorKind,
  status: number,
  parsed: ParsedErrorBody,
  context: VismaErrorContext,
): string {
  const where = context.request ? `${context.request}: ` : '';
  const said = parsed.message ? ` (${redact(parsed.message).slice(0, 300)})` : '';
  const what: Record<VismaErrorKind, string> = {
    reauth_required: 'the Visma connection must be made again',
    auth_expired: 'the access token is no longer valid',
    permission: 'permission denied',
    tenant: 'the token is for another company or the Customer tenant',
    rate_limited: 'rate limited',
    transient: 'Visma.net is temporarily unavailable',
    validation: 'Visma.net rejected the data',
    not_found: 'not found',
    conflict: 'the record was changed by someone else',
    protocol: 'unexpected response',
    unknown: 'request failed',
  };
  return `${where}${what[kind]} [${status || 'no response'}]${said}`;
}

function companyLabel(context: VismaErrorContext): string {
  if (context.companyName && context.companyId)
    return `company ${context.companyName} (${context.companyId})`;
  if (context.companyId) return `company ${context.companyId}`;
  return 'the company';
}

function header(headers: VismaErrorResponse['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** Retry-After in seconds or as an HTTP date; else X-RateLimit-Reset (seconds until the window resets). */
function retryAfter(
  headers: VismaErrorResponse['headers'],
  kind: 'rate_limited' | 'transient',
): number | undefined {
  const value = header(headers, 'retry-after');
  if (value !== undefined) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  // X-RateLimit-Reset (visma-net.md §4) says when the budget refills: a wait only for a spent budget, never for a
  // 502/503 (it is on every response, often an hour away).
  if (kind !== 'rate_limited') return undefined;
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
}

function rawBody(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}
