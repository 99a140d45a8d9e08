import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDatabridgeHome } from '../config/home.js';
import { discoverSystems, loadSystemsConfig, type SystemsConfig } from '../config/systems-config.js';
import type { HealthCheckDeps } from '../connections/check-connection.js';
import type { ConnectionSystems } from '../connections/connection-systems.js';
import { HealthEvents } from '../connections/health-events.js';
import type { Connector } from '../connectors/connector.js';
import type { ConnectorResolver } from '../connectors/connector-resolver.js';
import {
  type ConnectorResolverOptions,
  type CustomConnectorFactory,
  createConnectorResolver,
} from '../connectors/create-connector-resolver.js';
import type { Connection } from '../model/connection.js';
import { DATABASE_FILE, SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { SyncDeps } from '../sync/run-profile.js';
import { loadMasterKey, MASTER_KEY_ENV, MASTER_KEY_FILE } from '../vault/load-master-key.js';
import { MasterKeyError } from '../vault/master-key-error.js';
import { TokenVault } from '../vault/token-vault.js';

/** Options of {@link openWorkspace}. */
export interface OpenWorkspaceOptions {
  /** The DataBridge home (default: `DATABRIDGE_HOME` or `~/.databridge`). */
  readonly home?: string | undefined;
  /** Environment for `DATABRIDGE_*` settings (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Connectors of integrators' systems, by system name. */
  readonly custom?: Readonly<Record<string, CustomConnectorFactory>> | undefined;
  /** Client settings for the built-in connectors. */
  readonly clients?: Pick<ConnectorResolverOptions, 'visma' | 'superoffice'> | undefined;
}

/**
 * Everything an app (the CLI, the web app, a script) needs to work on one DataBridge home: the store, the vault,
 * the app registrations, and connectors, with discovery done once and only when first needed.
 */
export interface Workspace {
  /** The home folder. */
  readonly home: string;
  /** The embedded store. */
  readonly store: SqliteStore;
  /** The token vault. */
  readonly vault: TokenVault;
  /** Told about every health change (runs, checks, reconnects). */
  readonly events: HealthEvents;
  /** The app registrations (validated on first use). */
  config(): SystemsConfig;
  /** The discovered sign-in settings (one discovery per system, cached). */
  systems(): Promise<ConnectionSystems>;
  /** The connector of a connection. */
  readonly connectors: ConnectorResolver;
  /** What `runProfile` needs. */
  readonly sync: SyncDeps;
  /** What `checkConnection` needs. */
  health(): Promise<HealthCheckDeps>;
  /** Closes the store. */
  close(): Promise<void>;
}

/**
 * Opens a DataBridge home: the store (migrated), the master key and vault, and lazily the app configuration.
 *
 * @throws MasterKeyError when the store holds sealed tokens but no master key can be found (a new key would make
 *   them unreadable, so none is created), or when the key is malformed or readable by others.
 */
export async function openWorkspace(options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const env = options.env ?? process.env;
  const home = options.home ?? resolveDatabridgeHome({ env });
  const keyMissing = env[MASTER_KEY_ENV] === undefined && !existsSync(join(home, MASTER_KEY_FILE));
  const hadStore = existsSync(join(home, DATABASE_FILE));
  const store = await SqliteStore.open({ home });
  try {
    if (keyMissing && hadStore && (await store.listSealedBlobs()).length > 0) {
      throw new MasterKeyError(
        `No master key: ${MASTER_KEY_ENV} is not set and ${join(home, MASTER_KEY_FILE)} does not exist, but the store ` +
          'holds encrypted tokens. Set DATABRIDGE_MASTER_KEY or restore the key file; a new key could not read them.',
      );
    }
    const vault = new TokenVault({ masterKey: loadMasterKey({ home, env }).masterKey, store });
    const events = new HealthEvents();
    let config: SystemsConfig | undefined;
    let systems: Promise<ConnectionSystems> | undefined;
    let resolver: Promise<ConnectorResolver> | undefined;
    const loadConfig = () => {
      config ??= loadSystemsConfig({ home, env });
      return config;
    };
    const loadSystems = () => {
      systems ??= Promise.resolve().then(() => discoverSystems(loadConfig()));
      return systems;
    };
    const connectors: ConnectorResolver = async (connection: Connection): Promise<Connector> => {
      resolver ??= loadSystems().then((found) =>
        createConnectorResolver({
          store,
          vault,
          systems: found,
          ...(options.custom ? { custom: options.custom } : {}),
          ...options.clients,
        }),
      );
      return (await resolver)(connection);
    };
    return {
      home,
      store,
      vault,
      events,
      config: loadConfig,
      systems: loadSystems,
      connectors,
      sync: { store, connectors, events },
      health: async () => ({ store, vault, systems: await loadSystems(), events }),
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
