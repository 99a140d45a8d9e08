import type { SuperOfficeRetryOptions } from '@databridge/superoffice-client';
import type { VismaRetryOptions } from '@databridge/visma-client';
import { superOfficeClientFor, vismaClientFor } from '../connections/connection-clients.js';
import type { ConnectionSystems } from '../connections/connection-systems.js';
import type { Connection } from '../model/connection.js';
import type { Store } from '../store/store.js';
import type { TokenVault } from '../vault/token-vault.js';
import type { Connector } from './connector.js';
import { ConnectorError } from './connector-error.js';
import type { ConnectorResolver } from './connector-resolver.js';
import { countingFetch } from './counting-fetch.js';
import { createSuperOfficeConnector } from './superoffice/superoffice-connector.js';
import { createVismaConnector } from './visma/visma-connector.js';

/** Builds the connector of a connection to an integrator's own system. */
export type CustomConnectorFactory = (connection: Connection) => Connector | Promise<Connector>;

/** Options of {@link createConnectorResolver}. */
export interface ConnectorResolverOptions {
  /** Where connections and their sealed tokens live. */
  readonly store: Store;
  /** Opens and seals the tokens. */
  readonly vault: TokenVault;
  /** How to reach Visma.net and SuperOffice. */
  readonly systems: ConnectionSystems;
  /** Connectors of other systems, by {@link Connection.system} (e.g. `{ file: (c) => createFileConnector(c) }`). */
  readonly custom?: Readonly<Record<string, CustomConnectorFactory>> | undefined;
  /** Client settings of Visma connectors. */
  readonly visma?:
    | {
        /** Requests in flight per company, 1–16 (client default 4). */
        readonly concurrency?: number | undefined;
        /** Retry and backoff (client defaults otherwise). */
        readonly retry?: VismaRetryOptions | undefined;
      }
    | undefined;
  /** Client settings of SuperOffice connectors. */
  readonly superoffice?:
    | {
        /** Client-side throttle per tenant (client default 10, superoffice.md §16). */
        readonly requestsPerSecond?: number | undefined;
        /** Requests in flight per tenant, 1–16 (client default 4). */
        readonly concurrency?: number | undefined;
        /** Retry and backoff (client defaults otherwise). */
        readonly retry?: SuperOfficeRetryOptions | undefined;
      }
    | undefined;
}

/**
 * The {@link ConnectorResolver} of an installation: a `visma` or `superoffice` connection gets the built-in
 * connector over a client made from its sealed tokens (refreshed tokens are saved back through the store's
 * compare-and-swap), any other system the connector `custom[connection.system]` builds.
 *
 * @example
 * ```ts
 * const resolve = createConnectorResolver({ store, vault, systems, custom: { file: fileConnector } });
 * const connector = await resolve(await store.getConnection(id));
 * ```
 * @throws {@link ConnectorError} `reauth_required` for a connection that was never signed in, `unknown` for a system
 *   nobody registered, and a plain `Error` when `systems` lacks the settings of a built-in system.
 */
export function createConnectorResolver(options: ConnectorResolverOptions): ConnectorResolver {
  return async (connection: Connection): Promise<Connector> => {
    const { system } = connection;
    if (system !== 'visma' && system !== 'superoffice') {
      const factory = options.custom?.[system];
      if (!factory) {
        throw new ConnectorError(
          'unknown',
          `No connector for system ${JSON.stringify(system)} (connection ${connection.name})`,
          {
            remedy: `Register one: createConnectorResolver({ custom: { ${JSON.stringify(system)}: (connection) => myConnector } }).`,
          },
        );
      }
      return factory(connection);
    }
    return system === 'visma'
      ? vismaConnector(options, connection)
      : superOfficeConnector(options, connection);
  };
}

async function vismaConnector(options: ConnectorResolverOptions, connection: Connection): Promise<Connector> {
  const calls = countingFetch();
  const client = await vismaClientFor(options, connection, {
    concurrency: options.visma?.concurrency,
    retry: options.visma?.retry,
    fetch: calls.fetch,
  });
  return createVismaConnector({ client, calls });
}

async function superOfficeConnector(
  options: ConnectorResolverOptions,
  connection: Connection,
): Promise<Connector> {
  const calls = countingFetch();
  const so = options.superoffice;
  const client = await superOfficeClientFor(options, connection, {
    requestsPerSecond: so?.requestsPerSecond,
    concurrency: so?.concurrency,
    retry: so?.retry,
    fetch: calls.fetch,
  });
  return createSuperOfficeConnector({ client, calls });
}
