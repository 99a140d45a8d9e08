import ky, { isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import pLimit, { type LimitFunction } from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import type { VismaTokenManager } from '../auth/token-manager.js';
import { readAccessTokenClaims } from '../auth/token-set.js';
import type { VismaFetch } from '../auth/visma-auth.js';
import { classifyNetworkError, classifyVismaError } from '../errors/classify.js';
import { VismaError } from '../errors/visma-error.js';
import type { ResolvedVismaClientOptions } from '../options.js';
import { RateLimitGate } from './rate-limit-gate.js';
import type { VismaRequest, VismaResponse, VismaTransport } from './transport.js';

/** Retry settings. Only 429, 502/503/504, timeouts and network errors are retried, and never a POST. */
export interface VismaRetryOptions {
  /** Retries after the first attempt (default 4). 0 turns retrying off. */
  readonly limit?: number;
  /** First backoff delay in ms (default 500); doubles each retry, with jitter. */
  readonly minDelayMs?: number;
  /** Backoff cap in ms (default 30000). */
  readonly maxDelayMs?: number;
}

/** Everything {@link createVismaTransport} needs. */
export interface VismaTransportSettings {
  /** Validated client options: base URL, company, timeout, concurrency and User-Agent. */
  readonly options: ResolvedVismaClientOptions;
  /** Supplies a fresh access token per request and refreshes once after a 401. */
  readonly tokens: VismaTokenManager;
  /** Custom fetch for API calls (tests, proxies); the global `fetch` when undefined. */
  readonly fetch?: VismaFetch | undefined;
  /** Retry and backoff settings (defaults: 4 retries, 500 ms to 30 s). */
  readonly retry?: VismaRetryOptions | undefined;
  /** A human name for the company, used in remedies. */
  readonly companyName?: string | undefined;
}

const LEGACY_HEADERS = new Set(['ipp-company-id', 'ipp-application-type', 'branchid']);
/** Budget and concurrency are per company + client (visma-net.md §4), shared by every client in the process. */
const shared = new Map<string, { gate: RateLimitGate; limit: LimitFunction }>();

/**
 * The HTTP layer of the Visma client, built on ky. Per request: waits for a concurrency slot and the rate-limit
 * budget, checks that the token is for the client's company (else a `tenant` error and nothing is sent), sends it
 * with a bearer token and no legacy company headers, refreshes once on 401, and classifies every failure.
 */
export function createVismaTransport(settings: VismaTransportSettings): VismaTransport {
  const { options, tokens } = settings;
  const key = `${options.apiBaseUrl} ${options.clientId} ${options.companyId}`;
  let budget = shared.get(key);
  if (!budget) {
    budget = { gate: new RateLimitGate(), limit: pLimit(options.concurrency) };
    shared.set(key, budget);
  }
  const { gate, limit } = budget;
  const http: KyInstance = ky.create({
    prefix: options.apiBaseUrl,
    retry: 0,
    timeout: options.timeoutMs,
    throwHttpErrors: false,
    headers: {
      accept: 'application/json',
      'user-agent': options.userAgent
        ? `${options.userAgent} databridge-visma-client`
        : 'databridge-visma-client',
    },
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const retry = { limit: 4, minDelayMs: 500, maxDelayMs: 30_000, ...settings.retry };

  async function exchange(request: VismaRequest): Promise<VismaResponse> {
    const label = `${request.method} ${request.path}`;
    const idempotent = request.method !== 'POST';
    let connection = await tokens.current();
    for (let authAttempt = 0; ; authAttempt++) {
      const context = {
        companyId: options.companyId,
        companyName: settings.companyName,
        clientId: options.clientId,
        user: connection.user?.email ?? connection.user?.name,
        // Only a 401 on a token we just refreshed says "wrong tenant"; the first 401 means "refresh and retry".
        tokenAgeMs: authAttempt > 0 ? Date.now() - connection.tokens.issuedAt : undefined,
        request: label,
        idempotent,
      };
      assertCompany(connection.tokens.accessToken, connection.companyId, options.companyId, label);
      // One unit of the budget from here until the answer's headers (or the failure) settle it (visma-net.md §4).
      const permit = await gate.acquire(request.signal);
      let response: Response;
      try {
        response = await http(request.path.replace(/^\/+/, ''), {
          method: request.method,
          headers: {
            ...withoutLegacyHeaders(request.headers),
            authorization: `Bearer ${connection.tokens.accessToken}`,
          },
          ...(request.query ? { searchParams: compact(request.query) } : {}),
          ...(request.json !== undefined ? { json: request.json } : {}),
          ...(request.form ? { body: request.form } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        permit.settle();
        if (isNetworkError(error) || isTimeoutError(error))
          throw classifyNetworkError(error.cause ?? error, context);
        throw classifyNetworkError(error, context);
      }
      permit.settle(response.headers);
      const body = await readBody(response, label);
      if (response.ok) return { status: response.status, headers: response.headers, body };
      const error = classifyVismaError({ status: response.status, headers: response.headers, body }, context);
      if (error.kind === 'rate_limited') gate.block(error.retryAfterMs ?? 1_000);
      // A 401 on a token that is not brand new: refresh once and resend (the request was not processed).
      if (error.kind === 'auth_expired' && authAttempt === 0) {
        connection = await tokens.refresh(connection.tokens.accessToken);
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
            if (error instanceof VismaError && error.retryable && request.method !== 'POST') throw error;
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

/** Company scope by construction: a token for another company is never sent (visma-net.md §2.7). */
function assertCompany(
  accessToken: string,
  connectionCompany: string,
  clientCompany: string,
  label: string,
): void {
  const tokenCompany = readAccessTokenClaims(accessToken).tenantId ?? connectionCompany;
  if (tokenCompany === clientCompany) return;
  throw new VismaError({
    kind: 'tenant',
    status: 0,
    retryable: false,
    companyId: clientCompany,
    request: label,
    message: `${label}: the token is for company ${tokenCompany}, but this client is bound to company ${clientCompany}; nothing was sent`,
    remedy: `Use a connection made for company ${clientCompany} (pick it in the Visma company picker), or create the client for company ${tokenCompany}.`,
  });
}

function withoutLegacyHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => !LEGACY_HEADERS.has(name.toLowerCase())),
  );
}

function compact(query: NonNullable<VismaRequest['query']>): Record<string, string> {
  const entries = Object.entries(query).filter(
    (entry): entry is [string, string | number | boolean] => entry[1] !== undefined,
  );
  return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}

async function readBody(response: Response, label: string): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  if (!/json/i.test(response.headers.get('content-type') ?? '') && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (!response.ok) return text;
    throw new VismaError({
      kind: 'protocol',
      status: response.status,
      retryable: false,
      request: label,
      body: text,
      message: `${label}: the response is not valid JSON`,
      remedy: 'Visma.net sent a malformed answer; try again later and report it if it persists.',
      cause,
    });
  }
}
