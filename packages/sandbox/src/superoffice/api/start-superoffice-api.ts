import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LoopbackServer, listenOnLoopback } from '../../server/loopback.js';
import { VismaApiFaults } from '../../visma/api/faults.js';
import type { SuperOfficeWorld } from '../world.js';
import { authenticate } from './auth.js';
import type { SoRequestContext } from './context.js';
import { SuperOfficeApiData } from './data.js';
import { badRequest, noRoute, soError } from './errors.js';
import { checkHost, checkRunning, tenantOf } from './host-checks.js';
import { SuperOfficeApiHttpError } from './http-error.js';
import { writeError, writeResponse } from './respond.js';
import { createRouter } from './routes.js';
import { forwardWebhookCall, type SuperOfficeWebhookRouter } from './webhook-forwarding.js';

/** Options for {@link startSuperOfficeApi}. */
export interface SuperOfficeApiOptions {
  /** Loopback host to bind every tenant host to (default `127.0.0.1`). */
  host?: string;
  /** PRNG seed for seeded data and faults (default 1). */
  seed?: number;
  /** Seeded companies per tenant (default 200; persons = 2×, sales = ½×, projects = ⅟₄₀×, at least 3). */
  contacts?: number;
  /** Largest `$top`; larger values are capped silently (superoffice.md §14: the real maximum is a GAP). Default 1000. */
  maxTop?: number;
  /**
   * Where `/v1/Webhook…` calls go (superoffice.md §18 endpoints), e.g. a `SuperOfficeWebhooks` registry. Without
   * it those paths answer 404.
   */
  webhooks?: SuperOfficeWebhookRouter;
}

/**
 * Fault injection of the tenant hosts: the Visma API's generic fault controls (latency + jitter, injected
 * 429/500/502/503/504, connection resets, commit-then-drop, deterministic `failNext`), all from a seeded PRNG.
 * Paths in `failNext({ pathPrefix })` are below the tenant base, e.g. `/v1/Contact`. Faults act on authenticated
 * calls to a running tenant on its own host. Injected 429s carry `Retry-After` (superoffice.md §15/§16: 429 and
 * 5xx are undocumented upstream; the bodies use the §15 shape).
 */
export type SuperOfficeApiFaults = VismaApiFaults;

export type { SuperOfficeWebhookRouter };

/** A running set of SuperOffice tenant API hosts. */
export interface SuperOfficeApiServer {
  /** Base URL of tenant host `index` (0 … `world.hostCount - 1`), e.g. `http://127.0.0.1:49152`. */
  hostUrl(index: number): string;
  /**
   * The REST base of a tenant, `${hostUrl}/${ctx}/api` (the `Api` of the State API, superoffice.md §2).
   * @param index - host index; default the tenant's current host.
   */
  tenantApiUrl(ctx: string, index?: number): string;
  /** Each tenant's records, for assertions and for staging. */
  readonly data: SuperOfficeApiData;
  /** Fault injection controls. */
  readonly faults: SuperOfficeApiFaults;
  /** Stops every host; idempotent. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const TENANT_PATH = /^\/([^/]+)\/api(\/.*)?$/i;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw badRequest('The request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function destroy(request: IncomingMessage, response: ServerResponse): void {
  response.destroy();
  request.socket.destroy();
}

/**
 * Starts `world.hostCount` SuperOffice tenant API hosts on loopback (superoffice.md §23 "Tenant host"): every host
 * serves `/{ctx}/api/v1/…` but only for the tenants it currently hosts (others: 421), checks tenant state and
 * credentials against `world`, and serves Contact/Person/Sale/Project, lists, foreign keys, archive queries and
 * `User/currentPrincipal` with the documented write and concurrency rules, plus fault injection. `world.reset()`
 * restores the seeded data and clears faults.
 */
export async function startSuperOfficeApi(
  world: SuperOfficeWorld,
  options: SuperOfficeApiOptions = {},
): Promise<SuperOfficeApiServer> {
  const maxTop = options.maxTop ?? 1000;
  if (!Number.isInteger(maxTop) || maxTop < 1)
    throw new Error(`maxTop must be a positive integer, got ${maxTop}`);
  const seed = options.seed ?? 1;
  const data = new SuperOfficeApiData(world, seed, options.contacts ?? 200);
  const faults = new VismaApiFaults(seed);
  const router = createRouter();
  const servers: LoopbackServer[] = [];

  async function handle(
    hostIndex: number,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    let dropAfterHandling = false;
    try {
      const match = TENANT_PATH.exec(url.pathname);
      if (!match) throw noRoute(url.pathname);
      const tenant = tenantOf(world, decodeURIComponent(match[1] ?? ''));
      const path = match[2] ?? '/';
      checkHost(tenant, hostIndex);
      checkRunning(world, tenant);
      const rawBody = await readBody(request);
      const principal = authenticate(world, tenant.ctx, request.headers);

      const delay = faults.delayMs();
      if (delay > 0) await sleep(delay);
      const fault = faults.decide(method, path);
      if (fault.kind === 'reset') return destroy(request, response);
      if (fault.kind === 'status') {
        const retry =
          fault.status === 429 ? { 'retry-after': String(faults.settings.retryAfterSeconds) } : undefined;
        throw soError(
          fault.status,
          fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
          'Injected fault',
          {
            source: 'Gateway',
            ...(retry ? { headers: retry } : {}),
          },
        );
      }
      dropAfterHandling = fault.kind === 'commitThenDrop';

      if (options.webhooks) {
        const forwarded = await forwardWebhookCall(
          options.webhooks,
          tenant.ctx,
          method,
          path,
          rawBody,
          principal,
        );
        if (forwarded) {
          if (dropAfterHandling) return destroy(request, response);
          return writeResponse(response, forwarded);
        }
      }
      const route = router.match(method, path);
      if (route.kind === 'notFound') throw noRoute(`/${tenant.ctx}/api${path}`);
      if (route.kind === 'methodNotAllowed')
        throw soError(405, 'SoMethodNotAllowedException', `${method} is not supported on ${path}`, {
          headers: { allow: route.allowed.join(', ') },
        });
      const context: SoRequestContext = {
        method,
        path,
        query: url.searchParams,
        params: route.params,
        headers: request.headers,
        rawBody,
        tenant: data.tenant(tenant.ctx),
        principal,
        apiBase: `${servers[hostIndex]?.url ?? ''}/${tenant.ctx}/api`,
        maxTop,
      };
      const answer = await route.handler(context);
      if (dropAfterHandling) return destroy(request, response);
      writeResponse(response, answer);
    } catch (error) {
      if (dropAfterHandling) return destroy(request, response);
      if (!(error instanceof SuperOfficeApiHttpError))
        console.error('SuperOffice API stand-in: unexpected error', error);
      const known =
        error instanceof SuperOfficeApiHttpError
          ? error
          : soError(500, 'Exception', 'An unexpected error occurred');
      if (!response.headersSent) writeError(response, known);
      else response.destroy();
    }
  }

  try {
    for (let index = 0; index < world.hostCount; index++) {
      servers.push(
        await listenOnLoopback(
          (request, response) => {
            void handle(index, request, response);
          },
          options.host === undefined ? {} : { host: options.host },
        ),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
  const unsubscribe = world.onReset(() => {
    data.reset();
    faults.clear();
  });
  const hostUrl = (index: number): string => {
    const server = servers[index];
    if (!server) throw new Error(`No SuperOffice tenant host ${index} (there are ${servers.length})`);
    return server.url;
  };
  return {
    hostUrl,
    tenantApiUrl: (ctx, index) => `${hostUrl(index ?? tenantOf(world, ctx).hostIndex)}/${ctx}/api`,
    data,
    faults,
    close: async () => {
      unsubscribe();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
