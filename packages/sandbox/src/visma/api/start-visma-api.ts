import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenOnLoopback } from '../../server/loopback.js';
import type { VismaWorld } from '../world.js';
import { authorize, TokenVerifier } from './auth.js';
import type { ApiRequestContext } from './context.js';
import { VismaApiData } from './data.js';
import { aspNetError, gatewayError, tooManyRequestsError } from './errors.js';
import { VismaApiFaults } from './faults.js';
import { VismaApiHttpError } from './http-error.js';
import { type RateLimitStatus, rateLimitHeaders, VismaApiRateLimits } from './rate-limit.js';
import { writeError, writeResponse } from './respond.js';
import { createRouter } from './routes.js';

/** Options for {@link startVismaApi}. */
export interface VismaApiOptions {
  /** Loopback host to bind (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Requests per window per (tenant, client) (visma-net.md §4; default 15000, the historic production figure). */
  hourlyBudget?: number;
  /** Window length in seconds (default 3600; tests use a few seconds). */
  rateWindowSeconds?: number;
  /** Largest page size; larger `pageSize`s are silently capped (visma-net.md §6; default 1000). */
  maxPageSize?: number;
  /** PRNG seed for seeded data and faults (default 1). */
  seed?: number;
  /** Seeded customers per company (default 300). */
  customers?: number;
  /**
   * HTTP status of the IPP 12027 "No license for this company." answer (visma-net.md §2.9 gives the body, not the
   * status: UNCERTAIN). Default 400.
   */
  noLicenseStatus?: number;
}

/** A running Visma.net Financials API lookalike. */
export interface VismaApiServer {
  /** The API base including `/v1`, e.g. `http://127.0.0.1:49152/v1`. */
  readonly url: string;
  /** Each company's records, for assertions and staging. */
  readonly data: VismaApiData;
  /** Fault injection controls. */
  readonly faults: VismaApiFaults;
  /** Rate-limit windows, budget and request counters. */
  readonly rateLimits: VismaApiRateLimits;
  /** Stops the server; idempotent. */
  close(): Promise<void>;
}

/** Largest request body accepted (attachments included). */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw aspNetError(413, 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function destroy(request: IncomingMessage, response: ServerResponse): void {
  // lessons-from-peers.md §16 `reset_peer`: no response at all; the client's fetch rejects.
  response.destroy();
  request.socket.destroy();
}

/**
 * Starts the Visma.net Financials API lookalike on loopback: `/v1/…` resources per company of `world`, checked
 * against its tokens and roles, with the documented rate limits, error shapes and write conventions, plus fault
 * injection. `world.reset()` restores seeded data, faults, counters and budgets.
 */
export async function startVismaApi(
  world: VismaWorld,
  options: VismaApiOptions = {},
): Promise<VismaApiServer> {
  const maxPageSize = options.maxPageSize ?? 1000;
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1)
    throw new Error(`maxPageSize must be a positive integer, got ${maxPageSize}`);
  const seed = options.seed ?? 1;
  const noLicenseStatus = options.noLicenseStatus ?? 400;
  const data = new VismaApiData(world, seed, options.customers ?? 300);
  const faults = new VismaApiFaults(seed);
  const rateLimits = new VismaApiRateLimits(
    options.hourlyBudget ?? 15_000,
    options.rateWindowSeconds ?? 3600,
  );
  const verifier = new TokenVerifier(world);
  const router = createRouter();
  let baseUrl = '';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    // visma-net.md §5.1 "Response headers observed: … Ipp-Request-Id"; §4 rate-limit headers on every response.
    const headers: Record<string, string> = { 'ipp-request-id': randomUUID() };
    let limit: RateLimitStatus = {
      limit: rateLimits.budget,
      remaining: rateLimits.budget,
      resetSeconds: Math.ceil(rateLimits.windowSeconds),
    };
    let dropAfterHandling = false;
    try {
      const fullUri = `${baseUrl.slice(0, -'/v1'.length)}${request.url ?? '/'}`;
      if (!/^\/v1(?:\/|$)/i.test(path)) {
        throw aspNetError(404, `No HTTP resource was found that matches the request URI '${fullUri}'.`);
      }
      const rawBody = await readBody(request);
      const principal = await verifier.authenticate(request.headers.authorization);
      const tenantKey = principal.tenantId ?? '-';
      limit = rateLimits.status(tenantKey, principal.clientId);

      // Faults act at the gateway, before the budget is counted (lessons-from-peers.md §16).
      const delay = faults.delayMs();
      if (delay > 0) await sleep(delay);
      const fault = faults.decide(method, path);
      if (fault.kind === 'reset') return destroy(request, response);
      if (fault.kind === 'status') {
        if (fault.status === 429) throw tooManyRequestsError(faults.settings.retryAfterSeconds);
        // Injected gateway answers don't come from the ERP: no Ipp-Request-Id.
        delete headers['ipp-request-id'];
        throw gatewayError(fault.status);
      }
      dropAfterHandling = fault.kind === 'commitThenDrop';

      // visma-net.md §4: fixed window per (tenant, client); 429 + Retry-After when spent.
      const consumed = rateLimits.consume(tenantKey, principal.clientId);
      limit = consumed.status;
      if (!consumed.allowed) throw tooManyRequestsError(consumed.status.resetSeconds);

      const tenantId = authorize(
        world,
        principal,
        method,
        request.headers['ipp-company-id'] !== undefined,
        noLicenseStatus,
      );
      const match = router.match(method, path);
      if (match.kind === 'notFound') {
        throw aspNetError(404, `No HTTP resource was found that matches the request URI '${fullUri}'.`);
      }
      if (match.kind === 'methodNotAllowed') {
        throw new VismaApiHttpError(
          405,
          {
            kind: 'json',
            value: { Message: `The requested resource does not support http method '${method}'.` },
          },
          { allow: match.allowed.join(', ') },
        );
      }
      const context: ApiRequestContext = {
        method,
        path,
        query: url.searchParams,
        params: match.params,
        headers: request.headers,
        company: data.company(tenantId),
        baseUrl,
        maxPageSize,
        rawBody,
      };
      const answer = await match.handler(context);
      // visma-net.md §10 "Fault knobs: ambiguous writes (commit, then drop the response)".
      if (dropAfterHandling) return destroy(request, response);
      writeResponse(response, answer, { ...headers, ...rateLimitHeaders(limit) });
    } catch (error) {
      if (dropAfterHandling) return destroy(request, response);
      if (!(error instanceof VismaApiHttpError)) console.error('Visma API stand-in: unexpected error', error);
      const known = error instanceof VismaApiHttpError ? error : aspNetError(500, 'An error has occurred.');
      if (!response.headersSent) writeError(response, known, { ...headers, ...rateLimitHeaders(limit) });
      else response.destroy();
    }
  }

  const server = await listenOnLoopback(
    (request, response) => {
      void handle(request, response);
    },
    {
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
    },
  );
  baseUrl = `${server.url}/v1`;
  const unsubscribe = world.onReset(() => {
    data.reset();
    faults.clear();
    rateLimits.reset();
    verifier.clear();
  });
  return {
    url: baseUrl,
    data,
    faults,
    rateLimits,
    close: async () => {
      unsubscribe();
      await server.close();
    },
  };
}
