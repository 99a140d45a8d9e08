import {
  type SuperOfficeApiOptions,
  type SuperOfficeApiServer,
  startSuperOfficeApi,
} from '../../src/superoffice/api/index.js';
import { SUPEROFFICE_SEED } from '../../src/superoffice/seed.js';
import { type SuperOfficeEvent, SuperOfficeWorld } from '../../src/superoffice/world.js';

/** Test helpers for the SuperOffice tenant API stand-in: a world, the hosts, and credentials minted like SuperID. */

export const [NORDLYS, KYSTFISK] = SUPEROFFICE_SEED.tenants;
export const SIRI = SUPEROFFICE_SEED.users[0];
export const APP = SUPEROFFICE_SEED.apps[0];

/** A world plus running tenant hosts, for one test file. */
export async function startTestApi(
  options: SuperOfficeApiOptions = {},
): Promise<{ world: SuperOfficeWorld; api: SuperOfficeApiServer }> {
  const world = new SuperOfficeWorld(SUPEROFFICE_SEED);
  const api = await startSuperOfficeApi(world, options);
  return { world, api };
}

/** Records a user access token (Bearer) for a tenant. */
export function userToken(
  world: SuperOfficeWorld,
  ctx: string = NORDLYS.ctx,
  options: { associateId?: number; expiresAt?: number } = {},
): string {
  const token = world.newAccessToken(ctx);
  world.recordCredential(token, {
    kind: 'user',
    ctx,
    clientId: APP.clientId,
    associateId: options.associateId ?? SIRI.associateId,
    expiresAt: options.expiresAt ?? Date.now() + 3_600_000,
  });
  return token;
}

/** Records a system-user ticket (SOTicket + SO-AppToken) for a tenant. */
export function systemTicket(world: SuperOfficeWorld, ctx: string = NORDLYS.ctx): string {
  const ticket = world.newTicket();
  world.recordCredential(ticket, {
    kind: 'system',
    ctx,
    clientId: APP.clientId,
    associateId: 0,
    expiresAt: Date.now() + 6 * 3_600_000,
  });
  return ticket;
}

/** How a test call authenticates. */
export type Auth = { bearer: string } | { ticket: string; appToken?: string } | { raw: string } | undefined;

/** Options of {@link call}. */
export interface CallInit {
  method?: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Host index; default the tenant's current host. */
  host?: number;
  ctx?: string;
}

/** `fetch` against a tenant's API base with credentials and JSON defaults; `path` starts at `/v1`. */
export function call(
  api: SuperOfficeApiServer,
  auth: Auth,
  path: string,
  init: CallInit = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth && 'ticket' in auth) {
    headers.authorization = `SOTicket ${auth.ticket}`;
    if (auth.appToken !== undefined) headers['so-apptoken'] = auth.appToken;
  }
  if (auth && 'raw' in auth) headers.authorization = auth.raw;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] = init.contentType ?? 'application/json';
  }
  const base = api.tenantApiUrl(init.ctx ?? NORDLYS.ctx, init.host);
  return fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

/** A response's JSON body, loosely typed for assertions. */
export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Collects the events the world publishes; call the returned `stop` when done. */
export function collectEvents(world: SuperOfficeWorld): { events: SuperOfficeEvent[]; stop: () => void } {
  const events: SuperOfficeEvent[] = [];
  const stop = world.onEvent((event) => events.push(event));
  return { events, stop: () => void stop() };
}

/** One archive row in SLIM mode. */
export type SlimRow = Record<string, string>;

/** The body of an archive list. */
export interface ArchiveBody {
  'odata.nextLink': string | null;
  value: SlimRow[];
}
