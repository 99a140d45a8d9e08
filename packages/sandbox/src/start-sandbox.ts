import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from './server/loopback.js';
import {
  type SuperOfficeApiOptions,
  type SuperOfficeApiServer,
  startSuperOfficeApi,
} from './superoffice/api/index.js';
import { type SuperOfficeAuthHost, startSuperOfficeAuthHost } from './superoffice/auth-host/index.js';
import { SUPEROFFICE_SEED } from './superoffice/seed.js';
import { SuperOfficeWebhooks } from './superoffice/webhooks/index.js';
import { SuperOfficeWorld, TENANT_STATES, type TenantStateName } from './superoffice/world.js';
import { startVismaApi, type VismaApiOptions, type VismaApiServer } from './visma/api/index.js';
import { startVismaConnect, type VismaConnectServer } from './visma/connect/index.js';
import { VISMA_SEED } from './visma/seed.js';
import { type VismaRole, VismaWorld } from './visma/world.js';

/** Options for {@link startSandbox}. */
export interface SandboxOptions {
  /** Loopback host to bind every stand-in to (default `127.0.0.1`). */
  host?: string;
  /** Port of the control API (default 0: any free port). The stand-ins always take free ports. */
  port?: number;
  /** Settings of the Visma.net API lookalike (rate-limit budget, page size, data volume, PRNG seed). */
  vismaApi?: Omit<VismaApiOptions, 'host' | 'port'>;
  /** Lifetime of Visma access tokens in seconds (default 3600, as Visma Connect). */
  vismaAccessTokenTtlSeconds?: number;
  /** Settings of the SuperOffice tenant API hosts (data volume, page cap, PRNG seed). */
  superOfficeApi?: Omit<SuperOfficeApiOptions, 'host'>;
  /** Webhook retry delays in ms (default `[1000, 4000]`, superoffice.md §18); tests use short ones. */
  superOfficeWebhookRetryDelaysMs?: number[];
}

/** The SuperOffice half of a running sandbox. */
export interface SuperOfficeSandbox {
  /** The SuperID lookalike's issuer (pass it as `environment` to the client). Also serves the State API. */
  readonly issuer: string;
  /** Tenants, users, apps, consents and issued credentials, shared by the auth host and the tenant hosts. */
  readonly world: SuperOfficeWorld;
  /** The tenant API hosts: data, faults and URLs. */
  readonly api: SuperOfficeApiServer;
  /** Webhook registrations and their delivery log. */
  readonly webhooks: SuperOfficeWebhooks;
}

/** The Visma half of a running sandbox. */
export interface VismaSandbox {
  /** The Visma Connect lookalike's issuer URL (pass it as `issuer` to the client). */
  readonly issuer: string;
  /** The Visma.net API lookalike's base URL including `/v1` (pass it as `apiBaseUrl`). */
  readonly apiBaseUrl: string;
  /** Users, companies, roles, apps and revocations, shared by both lookalikes. */
  readonly world: VismaWorld;
  /** Data, fault injection and rate-limit controls of the API lookalike. */
  readonly api: VismaApiServer;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL of the control API (`/_sandbox/...`). */
  readonly url: string;
  /** The Visma Connect and Visma.net API lookalikes and their shared world. */
  readonly visma: VismaSandbox;
  /** The SuperID and tenant API lookalikes, webhooks and their shared world. */
  readonly superOffice: SuperOfficeSandbox;
  /** Restores every stand-in to its seed: users, roles, grants, data, faults and budgets. */
  reset(): void;
  /** Stops every stand-in. */
  close(): Promise<void>;
}

/** The body of `GET /_sandbox/health`. */
export interface SandboxHealth {
  /** Always `'ok'` while the control API answers. */
  readonly status: 'ok';
  /** Seconds since the sandbox started. */
  readonly uptimeSeconds: number;
  /** Where the Visma lookalikes listen. */
  readonly visma: {
    /** Issuer URL of the Visma Connect lookalike. */
    readonly issuer: string;
    /** Base URL of the Visma.net API lookalike, including `/v1`. */
    readonly apiBaseUrl: string;
  };
  /** Where the SuperOffice stand-ins listen. */
  readonly superOffice: {
    /** Issuer URL of the SuperID lookalike (also serves the State API and the system-user exchange). */
    readonly issuer: string;
    /** Base URLs of the tenant API hosts; each tenant lives on one of them at a time. */
    readonly tenantHosts: readonly string[];
  };
}

/**
 * Starts the sandbox on loopback: the Visma Connect and Visma.net API lookalikes, the SuperOffice auth host (SuperID,
 * State API, system-user exchange), two SuperOffice tenant API hosts and webhook delivery, all with seed data, plus a
 * control API.
 * Tests call this; people run `databridge sandbox`.
 *
 * Control API (JSON in and out): `GET /_sandbox/health`, `POST /_sandbox/reset`,
 * `POST /_sandbox/visma/revoke {clientId, email}`, `POST /_sandbox/visma/role {email, tenantId, role, granted}`,
 * `POST /_sandbox/superoffice/tenant {ctx, state?, move?}`, `POST /_sandbox/superoffice/revoke {clientId, ctx}`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const startedAt = Date.now();
  const host = options.host ?? '127.0.0.1';
  const world = new VismaWorld(VISMA_SEED);
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const connect: VismaConnectServer = await startVismaConnect(world, {
      host,
      ...(options.vismaAccessTokenTtlSeconds === undefined
        ? {}
        : { accessTokenTtlSeconds: options.vismaAccessTokenTtlSeconds }),
    });
    started.push(connect);
    const api: VismaApiServer = await startVismaApi(world, { ...options.vismaApi, host });
    started.push(api);
    const visma: VismaSandbox = { issuer: connect.issuer, apiBaseUrl: api.url, world, api };
    const soWorld = new SuperOfficeWorld(SUPEROFFICE_SEED);
    const webhooks = new SuperOfficeWebhooks(
      soWorld,
      options.superOfficeWebhookRetryDelaysMs
        ? { retryDelaysMs: options.superOfficeWebhookRetryDelaysMs }
        : {},
    );
    started.push({ close: async () => webhooks.close() });
    const soApi: SuperOfficeApiServer = await startSuperOfficeApi(soWorld, {
      ...options.superOfficeApi,
      host,
      webhooks,
    });
    started.push(soApi);
    const soAuth: SuperOfficeAuthHost = await startSuperOfficeAuthHost(soWorld, {
      host,
      tenantApiUrl: (ctx, hostIndex) => soApi.tenantApiUrl(ctx, hostIndex),
    });
    started.push(soAuth);
    const superOffice: SuperOfficeSandbox = { issuer: soAuth.issuer, world: soWorld, api: soApi, webhooks };
    const control: LoopbackServer = await listenOnLoopback(
      (request, response) => {
        handleControl(request, response, { visma, superOffice }, startedAt).catch((error: unknown) =>
          sendJson(response, 500, { message: (error as Error).message }),
        );
      },
      { host, ...(options.port === undefined ? {} : { port: options.port }) },
    );
    started.push(control);
    return {
      url: control.url,
      visma,
      superOffice,
      reset: () => {
        world.reset();
        soWorld.reset();
      },
      close: async () => {
        await Promise.all(started.map((server) => server.close()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.close()));
    throw error;
  }
}

async function handleControl(
  request: IncomingMessage,
  response: ServerResponse,
  { visma, superOffice }: { visma: VismaSandbox; superOffice: SuperOfficeSandbox },
  startedAt: number,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
  const route = `${request.method} ${path}`;
  if (route === 'GET /_sandbox/health') {
    const body: SandboxHealth = {
      status: 'ok',
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      visma: { issuer: visma.issuer, apiBaseUrl: visma.apiBaseUrl },
      superOffice: {
        issuer: superOffice.issuer,
        tenantHosts: Array.from({ length: superOffice.world.hostCount }, (_, index) =>
          superOffice.api.hostUrl(index),
        ),
      },
    };
    return sendJson(response, 200, body);
  }
  if (route === 'POST /_sandbox/reset') {
    visma.world.reset();
    superOffice.world.reset();
    return sendJson(response, 200, { reset: true });
  }
  if (route === 'POST /_sandbox/superoffice/tenant') {
    const body = (await readJson(request)) as { ctx?: unknown; state?: unknown; move?: unknown };
    const tenant = typeof body.ctx === 'string' ? superOffice.world.tenants.get(body.ctx) : undefined;
    const state =
      typeof body.state === 'string' && body.state in TENANT_STATES
        ? (body.state as TenantStateName)
        : undefined;
    if (!tenant || (body.state !== undefined && !state)) {
      return sendJson(response, 400, {
        message: `Give ctx (a sandbox tenant) and optionally state (${Object.keys(TENANT_STATES).join(', ')}) and move: true`,
      });
    }
    if (state) superOffice.world.setTenantState(tenant.ctx, state);
    if (body.move === true) superOffice.world.moveTenant(tenant.ctx);
    return sendJson(response, 200, { ctx: tenant.ctx, state: tenant.state, hostIndex: tenant.hostIndex });
  }
  if (route === 'POST /_sandbox/superoffice/revoke') {
    const { clientId, ctx } = (await readJson(request)) as { clientId?: unknown; ctx?: unknown };
    if (typeof clientId !== 'string' || typeof ctx !== 'string' || !superOffice.world.apps.has(clientId)) {
      return sendJson(response, 400, { message: 'Give clientId (a sandbox app) and ctx (a tenant)' });
    }
    superOffice.world.revokeConsent(clientId, ctx);
    return sendJson(response, 200, { revoked: { clientId, ctx } });
  }
  if (route === 'POST /_sandbox/visma/revoke') {
    const { clientId, email } = (await readJson(request)) as { clientId?: unknown; email?: unknown };
    const user = typeof email === 'string' ? visma.world.userByEmail(email) : undefined;
    if (typeof clientId !== 'string' || !user)
      return sendJson(response, 400, { message: 'Give clientId and the e-mail of a sandbox user' });
    visma.world.revokeGrants(clientId, user.sub);
    return sendJson(response, 200, { revoked: { clientId, email: user.email } });
  }
  if (route === 'POST /_sandbox/visma/role') {
    const body = (await readJson(request)) as {
      email?: unknown;
      tenantId?: unknown;
      role?: unknown;
      granted?: unknown;
    };
    const user = typeof body.email === 'string' ? visma.world.userByEmail(body.email) : undefined;
    const role =
      body.role === 'API User' || body.role === 'Integration Administrator'
        ? (body.role as VismaRole)
        : undefined;
    if (!user || typeof body.tenantId !== 'string' || !role || typeof body.granted !== 'boolean') {
      return sendJson(response, 400, {
        message:
          "Give email (a sandbox user), tenantId, role ('API User' or 'Integration Administrator') and granted (true/false)",
      });
    }
    visma.world.setRole(user.sub, body.tenantId, role, body.granted);
    return sendJson(response, 200, {
      email: user.email,
      tenantId: body.tenantId,
      role,
      granted: body.granted,
    });
  }
  sendJson(response, 404, { message: `No sandbox route for ${route}` });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
