import { toClassifiedError } from '../errors/to-classified-error.js';
import type { ClassifiedError } from '../model/classified-error.js';
import type { Connection } from '../model/connection.js';
import type { Store } from '../store/store.js';
import type { TokenVault } from '../vault/token-vault.js';
import { superOfficeClientFor, vismaClientFor } from './connection-clients.js';
import type { ConnectionSystems } from './connection-systems.js';
import { type ConnectionHealth, healthForErrorKind } from './health.js';
import type { HealthEvents } from './health-events.js';

/** What {@link checkConnection} and {@link checkAll} need. */
export interface HealthCheckDeps {
  /** Where connections live. */
  readonly store: Store;
  /** Opens and seals their tokens. */
  readonly vault: TokenVault;
  /** How to reach each system. */
  readonly systems: ConnectionSystems;
  /** Told about every health change. */
  readonly events?: HealthEvents | undefined;
  /** Clock (tests). */
  readonly now?: (() => Date) | undefined;
}

/** A token that expires within this window makes an otherwise healthy connection `expiring`. */
const EXPIRING_WITHIN_MS = 24 * 60 * 60 * 1000;

/**
 * Tests one connection live through its client (which refreshes its token first when needed, saving the new one
 * through the store's compare-and-swap), and records the result: `ok`, `expiring`, or the health the classified
 * error implies (`needs_reauth`, `needs_permission`, `unreachable`) with its remedy sentence.
 *
 * @returns the connection as stored after the check.
 */
export async function checkConnection(deps: HealthCheckDeps, connectionId: string): Promise<Connection> {
  const connection = await deps.store.getConnection(connectionId);
  if (!connection) throw new Error(`No connection with id ${JSON.stringify(connectionId)}`);
  const now = deps.now ?? (() => new Date());
  let health: ConnectionHealth;
  let error: ClassifiedError | undefined;
  if (!connection.tokens) {
    error = {
      kind: 'reauth_required',
      message: `Connection ${connection.name} was never signed in`,
      remedy: `Connect ${connection.name} (sign in once).`,
      at: now().toISOString(),
    };
    health = 'needs_reauth';
  } else {
    try {
      health = await probe(deps, connection);
    } catch (caught) {
      error = toClassifiedError(caught, now());
      // A check that failed for an unclear reason has not shown the connection works: never leave it `ok`.
      health =
        healthForErrorKind(error.kind) ??
        (error.kind === 'unknown' || error.kind === 'protocol' ? 'unreachable' : connection.health);
    }
  }
  const updated = await deps.store.updateConnection(connectionId, {
    health,
    lastError: error ?? null,
    lastCheckedAt: now().toISOString(),
  });
  if (updated.health !== connection.health) {
    deps.events?.emit({ connectionId, from: connection.health, to: updated.health, error });
  }
  return updated;
}

/** Checks every connection (the daily job and `databridge doctor`), one after another. */
export async function checkAll(deps: HealthCheckDeps): Promise<Connection[]> {
  const results: Connection[] = [];
  for (const connection of await deps.store.listConnections())
    results.push(await checkConnection(deps, connection.id));
  return results;
}

/** Makes one cheap authenticated call and says whether the credential is about to run out. */
async function probe(deps: HealthCheckDeps, connection: Connection): Promise<ConnectionHealth> {
  if (connection.system === 'visma') {
    const client = await vismaClientFor(deps, connection, { retry: { limit: 1 } });
    await client.customerClasses.list({ pageSize: 1 }).toArray({ limit: 1 });
    const current = client.connection;
    const refreshable = current.kind === 'service' || current.tokens.refreshToken !== undefined;
    return !refreshable && current.tokens.expiresAt - Date.now() < EXPIRING_WITHIN_MS ? 'expiring' : 'ok';
  }
  const client = await superOfficeClientFor(deps, connection, { retry: { limit: 1 } });
  await client.request({ method: 'GET', path: '/v1/User/currentPrincipal' });
  return 'ok';
}
