import { VismaTokenManager } from './auth/token-manager.js';
import type { VismaConnection } from './auth/token-set.js';
import type { VismaTokenStore } from './auth/token-store.js';
import type { VismaAuth, VismaFetch } from './auth/visma-auth.js';
import { createVismaTransport, type VismaRetryOptions } from './http/create-transport.js';
import type { VismaRequest, VismaResponse } from './http/transport.js';
import {
  type ResolvedVismaClientOptions,
  resolveVismaClientOptions,
  type VismaClientOptions,
} from './options.js';
import { createResources, type VismaResources } from './resources/index.js';

/** Options for {@link createVismaClient}. */
export interface CreateVismaClientOptions {
  /** From {@link discoverVismaAuth}. */
  readonly auth: VismaAuth;
  /** From sign-in ({@link completeAuthorization} or {@link connectService}) or your store. */
  readonly connection: VismaConnection;
  /** The company this client is bound to; defaults to the connection's. A token for another company is refused. */
  readonly companyId?: string;
  /** A human name for the company, used in error remedies. */
  readonly companyName?: string;
  /** API base URL including the version segment (default `https://api.finance.visma.net/v1`, visma-net.md §1). */
  readonly apiBaseUrl?: VismaClientOptions['apiBaseUrl'];
  /** Names your integration in the User-Agent header; `databridge-visma-client` is appended. */
  readonly userAgent?: VismaClientOptions['userAgent'];
  /** Per-request timeout in milliseconds (default 30000, at most 600000). */
  readonly timeoutMs?: VismaClientOptions['timeoutMs'];
  /** Maximum requests in flight for this company, 1–16 (default 4); shared by clients of the same company. */
  readonly concurrency?: VismaClientOptions['concurrency'];
  /** Retry and backoff for 429, 502/503/504 and network errors; POSTs are never retried. */
  readonly retry?: VismaRetryOptions;
  /** Saves refreshed tokens with compare-and-swap; it must already hold the connection under `tokenStoreKey`. */
  readonly tokenStore?: VismaTokenStore;
  /** The connection's key in `tokenStore` (default `<clientId>:<companyId>`). */
  readonly tokenStoreKey?: string;
  /** Called after each refresh with the new connection (persist it when you use no `tokenStore`). */
  readonly onTokens?: (connection: VismaConnection) => void;
  /** Custom fetch for API calls. */
  readonly fetch?: VismaFetch;
  /** Receives warnings about doubtful configuration (default: `process.emitWarning`). */
  readonly onWarning?: (message: string) => void;
}

/** A Visma.net client bound to one company. */
export interface VismaClient extends VismaResources {
  /** Validated settings, including the company this client is bound to. */
  readonly options: ResolvedVismaClientOptions;
  /** The connection with its current tokens (after any refresh). */
  readonly connection: VismaConnection;
  /** Sends a raw request through the same auth, throttle, retry and error handling (for endpoints not typed yet). */
  request(request: VismaRequest): Promise<VismaResponse>;
}

/**
 * Creates a client bound to one Visma.net company.
 *
 * @example
 * ```ts
 * const client = createVismaClient({ auth, connection });
 * for await (const customer of client.customers.list({ modifiedSince: new Date('2026-01-01') })) {
 *   console.log(customer.number, customer.name);
 * }
 * ```
 * @throws `VismaConfigError` for invalid options.
 */
export function createVismaClient(options: CreateVismaClientOptions): VismaClient {
  const resolved = resolveVismaClientOptions(
    definedOnly({
      clientId: options.auth.options.clientId,
      companyId: options.companyId ?? options.connection.companyId,
      issuer: options.auth.options.issuer,
      apiBaseUrl: options.apiBaseUrl,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      concurrency: options.concurrency,
    }),
  );
  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, 'DataBridgeWarning'));
  for (const warning of resolved.warnings) warn(warning);
  const tokens = new VismaTokenManager({
    auth: options.auth,
    connection: options.connection,
    store: options.tokenStore,
    storeKey: options.tokenStoreKey,
    onRefresh: options.onTokens,
    companyName: options.companyName,
  });
  const transport = createVismaTransport({
    options: resolved,
    tokens,
    fetch: options.fetch,
    retry: options.retry,
    companyName: options.companyName,
  });
  return {
    ...createResources(transport),
    options: resolved,
    get connection() {
      return tokens.connection;
    },
    request: (request) => transport.send(request),
  };
}

function definedOnly<T extends Record<string, unknown>>(value: T): VismaClientOptions {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as unknown as VismaClientOptions;
}
