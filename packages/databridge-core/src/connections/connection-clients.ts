import {
  type CreateSuperOfficeClientOptions,
  createSuperOfficeClient,
  type SuperOfficeClient,
  type SuperOfficeConnection,
} from '@databridge/superoffice-client';
import {
  type CreateVismaClientOptions,
  createVismaClient,
  type VismaClient,
  type VismaConnection,
} from '@databridge/visma-client';
import type { Connection } from '../model/connection.js';
import type { Store } from '../store/store.js';
import { sealedTokenStore } from '../vault/sealed-token-store.js';
import type { TokenVault } from '../vault/token-vault.js';
import { type ConnectionSystems, vismaAuthFor } from './connection-systems.js';
import { loadConnectionTokens } from './load-connection-tokens.js';

/** What building a client for a stored connection needs. */
export interface ConnectionClientDeps {
  /** Where the connection and its sealed tokens live. */
  readonly store: Store;
  /** Opens and seals the tokens. */
  readonly vault: TokenVault;
  /** How to reach each system. */
  readonly systems: ConnectionSystems;
}

/** Visma client settings a caller may add; `undefined` keeps the client's default. */
export interface VismaClientExtras {
  /** Requests in flight for the company. */
  readonly concurrency?: CreateVismaClientOptions['concurrency'] | undefined;
  /** Retry and backoff. */
  readonly retry?: CreateVismaClientOptions['retry'] | undefined;
  /** Custom fetch (e.g. one that counts calls). */
  readonly fetch?: CreateVismaClientOptions['fetch'] | undefined;
}

/** SuperOffice client settings a caller may add; `undefined` keeps the client's default. */
export interface SuperOfficeClientExtras {
  /** Client-side throttle per tenant. */
  readonly requestsPerSecond?: CreateSuperOfficeClientOptions['requestsPerSecond'] | undefined;
  /** Requests in flight per tenant. */
  readonly concurrency?: CreateSuperOfficeClientOptions['concurrency'] | undefined;
  /** Retry and backoff. */
  readonly retry?: CreateSuperOfficeClientOptions['retry'] | undefined;
  /** Custom fetch (e.g. one that counts calls). */
  readonly fetch?: CreateSuperOfficeClientOptions['fetch'] | undefined;
}

/**
 * A Visma client for a stored connection: bound to its company, with the app that renews its tokens (the service
 * app for client-credentials connections) and refreshed tokens saved back through the store's compare-and-swap.
 */
export async function vismaClientFor(
  deps: ConnectionClientDeps,
  connection: Connection,
  extras: VismaClientExtras = {},
): Promise<VismaClient> {
  const settings = deps.systems.visma;
  if (!settings) throw new Error('No Visma settings: give systems.visma to use Visma connections');
  const tokens = sealedTokenStore<VismaConnection>(deps.store, deps.vault);
  const stored = await loadConnectionTokens(tokens, connection);
  return createVismaClient({
    auth: vismaAuthFor(settings, stored.connection),
    connection: stored.connection,
    companyId: connection.tenantId,
    ...(connection.tenantName ? { companyName: connection.tenantName } : {}),
    ...(settings.apiBaseUrl ? { apiBaseUrl: settings.apiBaseUrl } : {}),
    ...definedOnly(extras),
    tokenStore: tokens,
    tokenStoreKey: connection.id,
  });
}

/** A SuperOffice client for a stored connection; renewed credentials are saved back sealed. */
export async function superOfficeClientFor(
  deps: ConnectionClientDeps,
  connection: Connection,
  extras: SuperOfficeClientExtras = {},
): Promise<SuperOfficeClient> {
  const settings = deps.systems.superoffice;
  if (!settings)
    throw new Error('No SuperOffice settings: give systems.superoffice to use SuperOffice connections');
  const tokens = sealedTokenStore<SuperOfficeConnection>(deps.store, deps.vault);
  const stored = await loadConnectionTokens(tokens, connection);
  return createSuperOfficeClient({
    auth: settings.auth,
    connection: stored.connection,
    ...definedOnly(extras),
    onRenew: (next) => {
      // A renewal rotates nothing that must win a swap: a failed save only means the next use renews again.
      tokens.save(connection.id, next).catch(() => undefined);
    },
  });
}

/** The options without their `undefined` entries (the clients' options are exact). */
function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
