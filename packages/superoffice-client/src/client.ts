import type { KeyObject } from 'node:crypto';
import type { SuperOfficeConnection } from './auth/connection.js';
import { CredentialManager } from './auth/credential-manager.js';
import type { SuperOfficeAuth, SuperOfficeFetch } from './auth/superoffice-auth.js';
import { SuperOfficeConfigError } from './errors/superoffice-config-error.js';
import { createSuperOfficeTransport, type SuperOfficeRetryOptions } from './http/create-transport.js';
import type { SuperOfficeRequest, SuperOfficeResponse } from './http/transport.js';
import { createResources, type SuperOfficeResources } from './resources/index.js';
import { TenantRouter } from './routing/tenant-router.js';

/** Options for {@link createSuperOfficeClient}. */
export interface CreateSuperOfficeClientOptions {
  /** From `discoverSuperOffice`; required for online connections (renewal and the State API). */
  readonly auth?: SuperOfficeAuth;
  /** From sign-in (`completeSuperOfficeAuthorization`, `connectSystemUser`), an onsite connection, or your store. */
  readonly connection: SuperOfficeConnection;
  /** The app's private key (PEM or RSA-XML), so expired tickets can be renewed (system connections). */
  readonly systemUserPrivateKey?: string | KeyObject;
  /** Client-side throttle per tenant, above 0 and at most 1000 (default 10 requests per second, superoffice.md §16). */
  readonly requestsPerSecond?: number;
  /** Requests in flight per tenant (default 4). */
  readonly concurrency?: number;
  /** Per-request timeout in ms (default 30000). */
  readonly timeoutMs?: number;
  /** Names your integration in the User-Agent header. */
  readonly userAgent?: string;
  /** Retry settings. */
  readonly retry?: SuperOfficeRetryOptions;
  /** Custom fetch for API calls (SuperID calls use the auth's). */
  readonly fetch?: SuperOfficeFetch;
  /** Send `SO-AppToken` with bearer tokens too (UNCERTAIN whether needed; default false). */
  readonly appTokenWithBearer?: boolean;
  /** Headers sent on every call, e.g. `{ 'SO-TimeZone': 'UTC' }` (superoffice.md §17). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  /** Called with each renewed connection (refreshed token, new ticket); persist it. */
  readonly onRenew?: (connection: SuperOfficeConnection) => void;
}

/** A SuperOffice client bound to one tenant. */
export interface SuperOfficeClient extends SuperOfficeResources {
  /** The tenant context identifier the client is bound to. */
  readonly tenant: string;
  /** The connection with its current credential (after any renewal). */
  readonly connection: SuperOfficeConnection;
  /** Sends a raw request through the same routing, credentials, throttle, retry and error handling. */
  request(request: SuperOfficeRequest): Promise<SuperOfficeResponse>;
}

/**
 * Creates a client bound to one SuperOffice tenant (or onsite installation).
 *
 * @throws `SuperOfficeConfigError` for invalid options.
 */
export function createSuperOfficeClient(options: CreateSuperOfficeClientOptions): SuperOfficeClient {
  const { connection } = options;
  if (connection.kind !== 'onsite' && !options.auth) {
    throw new SuperOfficeConfigError([
      { path: 'auth', message: 'is required for SuperOffice Online connections' },
    ]);
  }
  if (
    options.requestsPerSecond !== undefined &&
    !(options.requestsPerSecond > 0 && options.requestsPerSecond <= 1000)
  ) {
    throw new SuperOfficeConfigError([
      { path: 'requestsPerSecond', message: 'must be above 0 and at most 1000' },
    ]);
  }
  if (
    options.concurrency !== undefined &&
    !(Number.isInteger(options.concurrency) && options.concurrency >= 1 && options.concurrency <= 16)
  ) {
    throw new SuperOfficeConfigError([
      { path: 'concurrency', message: 'must be a whole number from 1 to 16' },
    ]);
  }
  const credentials = new CredentialManager({
    auth: options.auth,
    connection,
    systemUserPrivateKey: options.systemUserPrivateKey,
    appTokenWithBearer: options.appTokenWithBearer,
    onRenew: options.onRenew,
  });
  const router = new TenantRouter({
    issuer: options.auth?.issuer ?? '',
    tenant: connection.tenant,
    initialApiUrl: connection.webApiUrl,
    fetch: options.auth?.fetch ?? options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const transport = createSuperOfficeTransport({
    tenant: connection.tenant,
    credentials,
    router,
    requestsPerSecond: options.requestsPerSecond,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    fetch: options.fetch,
    retry: options.retry,
    defaultHeaders: options.defaultHeaders,
  });
  return {
    ...createResources(transport),
    tenant: connection.tenant,
    get connection() {
      return credentials.connection;
    },
    request: (request) => transport.send(request),
  };
}
