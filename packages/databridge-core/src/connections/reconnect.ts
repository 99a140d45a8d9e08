import type { Connection } from '../model/connection.js';
import type { Profile } from '../model/profile.js';
import type { Store } from '../store/store.js';
import { sealedTokenStore } from '../vault/sealed-token-store.js';
import type { TokenVault } from '../vault/token-vault.js';
import type { HealthEvents } from './health-events.js';

/** What {@link reconnect} did. */
export interface ReconnectResult {
  /** The connection as stored afterwards (health `ok`, no last error). */
  readonly connection: Connection;
  /** Every profile using the connection: all of them are repaired by this one reconnect. */
  readonly profiles: readonly Profile[];
}

/**
 * Stores the tokens of a fresh sign-in on an existing connection (sealed, through compare-and-swap so a refresh in
 * flight elsewhere cannot overwrite them), clears its error and sets its health to `ok`. Every profile on the
 * connection works again; the next run of each resumes from its checkpoint.
 *
 * @param tokens - the connection object the client's sign-in returned (e.g. from `completeAuthorization`).
 * @throws when the signed-in company or tenant is not the connection's (`tenantId` mismatch).
 */
export async function reconnect(
  deps: { readonly store: Store; readonly vault: TokenVault; readonly events?: HealthEvents | undefined },
  connectionId: string,
  tokens: object,
  signedInTenantId?: string,
): Promise<ReconnectResult> {
  const { store } = deps;
  const before = await store.getConnection(connectionId);
  if (!before) throw new Error(`No connection with id ${JSON.stringify(connectionId)}`);
  if (signedInTenantId !== undefined && signedInTenantId !== before.tenantId) {
    throw new Error(
      `The sign-in was for ${signedInTenantId}, but connection ${JSON.stringify(before.name)} is for ${before.tenantId}; sign in to that company or tenant instead`,
    );
  }
  await sealedTokenStore<object>(store, deps.vault).save(connectionId, tokens);
  const connection = await store.updateConnection(connectionId, {
    health: 'ok',
    lastError: null,
    lastCheckedAt: new Date().toISOString(),
  });
  if (before.health !== 'ok')
    deps.events?.emit({ connectionId, from: before.health, to: 'ok', error: undefined });
  return { connection, profiles: await store.listProfiles({ connectionId }) };
}
