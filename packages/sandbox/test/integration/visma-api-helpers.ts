import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  API_AUDIENCE,
  startVismaApi,
  type VismaApiOptions,
  type VismaApiServer,
} from '../../src/visma/api/index.js';
import { VISMA_SEED } from '../../src/visma/seed.js';
import { VismaWorld } from '../../src/visma/world.js';

/** Test helpers for the Visma.net API lookalike: a world, a server, and access tokens minted like Visma Connect. */

export const [NORDLYS, EIENDOM, KYSTFISK] = VISMA_SEED.companies;
export const ADA = VISMA_SEED.users[0];
export const BEN = VISMA_SEED.users[1];
export const EVE = VISMA_SEED.users[2];
export const SERVICE_CLIENT = 'isv_databridge_service';
export const WEB_CLIENT = 'isv_databridge';

/** All four service scopes (visma-net.md §2.3). */
export const SERVICE_SCOPES = ['read', 'create', 'update', 'delete']
  .map((op) => `vismanet_erp_service_api:${op}`)
  .join(' ');
/** All four interactive scopes plus identity scopes. */
export const INTERACTIVE_SCOPES = `openid tenants offline_access ${['read', 'create', 'update', 'delete']
  .map((op) => `vismanet_erp_interactive_api:${op}`)
  .join(' ')}`;

/** Claims a test may set or override (`undefined` removes the claim). */
export interface TokenClaims {
  sub?: string | undefined;
  client_id?: string | undefined;
  scope?: string | undefined;
  tenant_id?: string | undefined;
  aud?: string | undefined;
  jti?: string | undefined;
}

/** Mints an RS256 access token as the Visma Connect lookalike does (visma-net.md §2.7 claims). */
export async function mintToken(
  world: VismaWorld,
  claims: TokenClaims,
  options: { expiresInSeconds?: number; kid?: string; key?: Parameters<SignJWT['sign']>[0] } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: 'https://connect.visma.com',
    aud: API_AUDIENCE,
    client_id: SERVICE_CLIENT,
    sub: SERVICE_CLIENT,
    scope: SERVICE_SCOPES,
    tenant_id: NORDLYS.tenantId,
    jti: randomUUID(),
    ...claims,
  };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? world.keys.kid, typ: 'at+jwt' })
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .sign(options.key ?? world.keys.privateKey);
}

/** A service token for a company (sub === client_id). */
export function serviceToken(
  world: VismaWorld,
  tenantId: string = NORDLYS.tenantId,
  scope = SERVICE_SCOPES,
): Promise<string> {
  return mintToken(world, { tenant_id: tenantId, scope });
}

/** An interactive user's token. */
export function userToken(
  world: VismaWorld,
  sub: string,
  tenantId: string | undefined,
  scope = INTERACTIVE_SCOPES,
): Promise<string> {
  return mintToken(world, { sub, client_id: WEB_CLIENT, tenant_id: tenantId, scope });
}

/** A world plus a running API, for one test file. */
export async function startTestApi(
  options: VismaApiOptions = {},
): Promise<{ world: VismaWorld; api: VismaApiServer }> {
  const world = new VismaWorld(VISMA_SEED);
  const api = await startVismaApi(world, { customers: 300, ...options });
  return { world, api };
}

/** `fetch` with a bearer token and JSON defaults. */
export function call(
  api: VismaApiServer,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let body: string | FormData | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  return fetch(`${api.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

/** Wraps every scalar as a DtoValue (visma-net.md §5.2), for compact test bodies. */
export function wrap(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [
      name,
      {
        value:
          typeof value === 'object' && value !== null && !Array.isArray(value)
            ? wrap(value as Record<string, unknown>)
            : value,
      },
    ]),
  );
}

/** The GUID pattern of a VismaId / IPP message id. */
export const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A response's JSON body, typed for assertions (error bodies by default). */
export async function body<T = { message: string; [field: string]: unknown }>(
  response: Response,
): Promise<T> {
  return (await response.json()) as T;
}
