import ky, { isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import pLimit, { type LimitFunction } from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import type { CredentialManager } from '../auth/credential-manager.js';
import type { SuperOfficeFetch } from '../auth/superoffice-auth.js';
import { classifySuperOfficeError, classifySuperOfficeNetworkError } from '../errors/classify.js';
import { SuperOfficeError } from '../errors/superoffice-error.js';
import type { TenantRouter } from '../routing/tenant-router.js';
import { RequestThrottle } from './throttle.js';
import type { SuperOfficeRequest, SuperOfficeResponse, SuperOfficeTransport } from './transport.js';

/** Retry settings: only 429, 502/503/504, timeouts and network errors are retried, and never a POST. */
export interface SuperOfficeRetryOptions {
  /** Retries after the first attempt (default 4); 0 turns retrying off. */
  readonly limit?: number;
  /** First backoff delay in ms (default 500), doubling with jitter. */
  readonly minDelayMs?: number;
  /** Backoff cap in ms (default 30000). */
  readonly maxDelayMs?: number;
}

/** Everything {@link createSuperOfficeTransport} needs. */
export interface SuperOfficeTransportSettings {
  /** Tenant context identifier the transport is bound to. */
  readonly tenant: string;
  /** Credentials and their renewal. */
  readonly credentials: CredentialManager;
  /** Finds the tenant's current API host. */
  readonly router: TenantRouter;
  /** Client-side throttle per tenant (default 10 requests per second, superoffice.md §16). */
  readonly requestsPerSecond?: number | undefined;
  /** Requests in flight per tenant (default 4). */
  readonly concurrency?: number | undefined;
  /** Per-request timeout in ms (default 30000). */
  readonly timeoutMs?: number | undefined;
  /** Names your integration in the User-Agent header. */
  readonly userAgent?: string | undefined;
  /** Custom fetch. */
  readonly fetch?: SuperOfficeFetch | undefined;
  /** Retry settings. */
  readonly retry?: SuperOfficeRetryOptions | undefined;
  /** Headers sent on every call, e.g. `SO-TimeZone` (superoffice.md §17). */
  readonly defaultHeaders?: Readonly<Record<string, string>> | undefined;
}

/** Throttle and concurrency are per tenant (and settings), shared by every such client in the process. */
const shared = new Map<string, { throttle: RequestThrottle; limit: LimitFunction }>();

/**
 * The HTTP layer of the SuperOffice client, on ky. Per request: waits for a concurrency slot and the per-tenant
 * throttle, resolves the tenant's host, sends with the current credential, renews once on 401 and re-resolves once
 * on 421, and classifies every failure. Retries (p-retry) only what is safe, never a POST.
 */
export function createSuperOfficeTransport(settings: SuperOfficeTransportSettings): SuperOfficeTransport {
  const { tenant, credentials, router } = settings;
  const perSecond = settings.requestsPerSecond ?? 10;
  const concurrency = settings.concurrency ?? 4;
  const key = `${tenant}|${perSecond}|${concurrency}`;
  let budget = shared.get(key);
  if (!budget) {
    budget = { throttle: new RequestThrottle(perSecond), limit: pLimit(concurrency) };
    shared.set(key, budget);
  }
  const { throttle, limit } = budget;
  const http: KyInstance = ky.create({
    retry: 0,
    timeout: settings.timeoutMs ?? 30_000,
    throwHttpErrors: false,
    headers: {
      accept: 'application/json',
      'user-agent': settings.userAgent
        ? `${settings.userAgent} databridge-superoffice-client`
        : 'databridge-superoffice-client',
      ...settings.defaultHeaders,
    },
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const retry = { limit: 4, minDelayMs: 500, maxDelayMs: 30_000, ...settings.retry };

  async function exchange(request: SuperOfficeRequest): Promise<SuperOfficeResponse> {
    const label = `${request.method} ${request.path}`;
    const idempotent = request.method !== 'POST';
    let renewed = false;
    let rerouted = false;
    for (;;) {
      const context = {
        tenant,
        request: label,
        idempotent,
        afterRenewal: renewed,
        user: userOf(credentials),
      };
      const { headers, credential } = await credentials.headers();
      const base = await router.apiUrl();
      await throttle.acquire(request.signal);
      let response: Response;
      try {
        response = await http(`${base}${request.path}`, {
          method: request.method,
          headers: {
            ...request.headers,
            ...headers,
            ...(request.json === undefined ? {} : { 'content-type': contentType(request) }),
          },
          ...(request.query ? { searchParams: compact(request.query) } : {}),
          ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        if (isNetworkError(error) || isTimeoutError(error))
          throw classifySuperOfficeNetworkError(error.cause ?? error, context);
        throw classifySuperOfficeNetworkError(error, context);
      }
      const body = await readBody(response);
      if (response.ok) {
        credentials.used();
        return { status: response.status, headers: response.headers, body };
      }
      // 421: the tenant moved host; ask the State API again and resend once (superoffice.md §2).
      if (response.status === 421 && !rerouted) {
        rerouted = true;
        router.invalidate();
        await router.resolve();
        continue;
      }
      const error = classifySuperOfficeError(
        { status: response.status, headers: response.headers, body },
        context,
      );
      if (error.retryAfterMs !== undefined) throttle.block(error.retryAfterMs);
      if (error.kind === 'auth_expired' && !renewed) {
        renewed = true;
        await credentials.renew(credential);
        continue;
      }
      throw error;
    }
  }

  return {
    send(request) {
      return pRetry(
        async () => {
          try {
            return await limit(() => exchange(request));
          } catch (error) {
            if (error instanceof SuperOfficeError && error.retryable && request.method !== 'POST')
              throw error;
            throw new AbortError(error instanceof Error ? error : new Error(String(error)));
          }
        },
        {
          retries: retry.limit,
          minTimeout: retry.minDelayMs,
          maxTimeout: retry.maxDelayMs,
          randomize: true,
          ...(request.signal ? { signal: request.signal } : {}),
        },
      );
    },
  };
}

/** JSON Patch arrays and merge patches have their own media types (superoffice.md §12). */
function contentType(request: SuperOfficeRequest): string {
  if (request.method !== 'PATCH') return 'application/json';
  return Array.isArray(request.json) ? 'application/json-patch+json' : 'application/merge-patch+json';
}

function userOf(credentials: CredentialManager): string | undefined {
  const connection = credentials.connection;
  if (connection.kind === 'user') return connection.user.email;
  return connection.kind === 'system' ? 'the system user' : undefined;
}

function compact(query: NonNullable<SuperOfficeRequest['query']>): Record<string, string> {
  const entries = Object.entries(query).filter(
    (entry): entry is [string, string | number | boolean] => entry[1] !== undefined,
  );
  return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  if (!/^\s*[[{"]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
