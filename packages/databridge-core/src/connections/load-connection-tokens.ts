import { ConnectorError } from '../connectors/connector-error.js';
import type { Connection } from '../model/connection.js';
import type { SealedTokenStore, StoredTokens } from '../vault/sealed-token-store.js';
import { VaultError } from '../vault/vault-error.js';

/**
 * Opens a connection's sealed tokens. A connection never signed in, or whose tokens this master key cannot open
 * (another key, or tampered), needs the user: both become a `reauth_required` error naming the connection and the
 * fix, carrying `connectionId` so the run or check marks the right connection.
 */
export async function loadConnectionTokens<T>(
  tokens: SealedTokenStore<T>,
  connection: Connection,
): Promise<StoredTokens<T>> {
  let stored: StoredTokens<T> | undefined;
  try {
    stored = await tokens.load(connection.id);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    throw Object.assign(
      new ConnectorError(
        'reauth_required',
        `The master key cannot open the tokens of connection "${connection.name}"`,
        {
          remedy: `Set the DATABRIDGE_MASTER_KEY (or master.key) they were sealed with, or reconnect "${connection.name}".`,
          cause: error,
        },
      ),
      { connectionId: connection.id },
    );
  }
  if (!stored) {
    throw Object.assign(
      new ConnectorError('reauth_required', `Connection "${connection.name}" was never signed in`, {
        remedy: `Connect "${connection.name}" (sign in once).`,
      }),
      { connectionId: connection.id },
    );
  }
  return stored;
}
