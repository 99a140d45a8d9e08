import {
  type Connection,
  checkConnection,
  type Profile,
  reconnect,
  sealedTokenStore,
  type Workspace,
} from '@databridge/core';
import { CliError } from '../cli-error.js';
import type { SignedIn } from './sign-in.js';

/** What {@link storeSignIn} did. */
export interface StoredSignIn {
  /** The connection after the live check. */
  readonly connection: Connection;
  /** Whether the connection was created now (otherwise an existing one was reconnected). */
  readonly created: boolean;
  /** Every profile using the connection (all repaired by this sign-in). */
  readonly profiles: readonly Profile[];
}

/** The default connection name: `visma-<first 8 of the company id>` or `superoffice-<ctx>`. */
export function defaultConnectionName(signedIn: SignedIn): string {
  const tenant = signedIn.system === 'visma' ? signedIn.tenantId.slice(0, 8) : signedIn.tenantId;
  return `${signedIn.system}${signedIn.service ? '-service' : ''}-${tenant}`;
}

/** Finds a connection by name, or by id when no name matches; `undefined` when neither does. */
export async function findConnection(
  workspace: Workspace,
  nameOrId: string,
): Promise<Connection | undefined> {
  const all = await workspace.store.listConnections();
  return all.find((c) => c.name === nameOrId) ?? all.find((c) => c.id === nameOrId);
}

/**
 * Picks the connection a sign-in goes to: `connectionId` when given (reconnect), else the one named `name`
 * (which must be for the same system and tenant), else an existing one for the same system and tenant.
 */
async function target(
  workspace: Workspace,
  signedIn: SignedIn,
  options: StoreSignInOptions,
): Promise<Connection | undefined> {
  if (options.connectionId) return workspace.store.getConnection(options.connectionId);
  const all = await workspace.store.listConnections();
  const sameTenant = (c: Connection) =>
    c.system === signedIn.system && c.tenantId.toLowerCase() === signedIn.tenantId.toLowerCase();
  if (options.name) {
    const named = all.find((c) => c.name === options.name);
    if (named && !sameTenant(named)) {
      throw new CliError(
        `A connection named ${JSON.stringify(options.name)} already exists for ${named.system} ${named.tenantId}; ` +
          'choose another --name',
      );
    }
    if (named) return named;
  }
  return all.find(sameTenant);
}

/** Options of {@link storeSignIn}. */
export interface StoreSignInOptions {
  /** Store on this connection (reconnect); the sign-in must be for its tenant. */
  readonly connectionId?: string | undefined;
  /** `--name` of `connect`. */
  readonly name?: string | undefined;
}

/**
 * Stores a finished sign-in: on the existing connection for the same system and tenant (a reconnect), or on a new
 * one, with the tokens sealed by the vault through core's `reconnect`, then tests it live with `checkConnection`.
 */
export async function storeSignIn(
  workspace: Workspace,
  signedIn: SignedIn,
  options: StoreSignInOptions = {},
): Promise<StoredSignIn> {
  const existing = await target(workspace, signedIn, options);
  const { store, vault, events } = workspace;
  const { id, created } = await store.transaction(async (tx) => {
    const connection =
      existing ??
      (await tx.createConnection({
        system: signedIn.system,
        name: options.name ?? defaultConnectionName(signedIn),
        tenantId: signedIn.tenantId,
        tenantName: signedIn.tenantName,
        accountUser: signedIn.accountUser,
        scopes: signedIn.scopes,
        health: 'needs_reauth',
      }));
    await reconnect({ store: tx, vault, events }, connection.id, signedIn.tokens, signedIn.tenantId);
    await tx.updateConnection(connection.id, {
      accountUser: signedIn.accountUser,
      scopes: signedIn.scopes,
      ...(signedIn.tenantName ? { tenantName: signedIn.tenantName } : {}),
      ...(existing && options.name && existing.name !== options.name ? { name: options.name } : {}),
    });
    return { id: connection.id, created: existing === undefined };
  });
  const connection = await checkConnection(await workspace.health(), id);
  return { connection, created, profiles: await store.listProfiles({ connectionId: id }) };
}

/** When the access token of a connection expires (from its sealed tokens), or `undefined` when unknown. */
export async function tokenExpiry(workspace: Workspace, connection: Connection): Promise<Date | undefined> {
  if (!connection.tokens) return undefined;
  const stored = await sealedTokenStore<{ tokens?: { expiresAt?: unknown }; expiresAt?: unknown }>(
    workspace.store,
    workspace.vault,
  ).load(connection.id);
  const value = stored?.connection.tokens?.expiresAt ?? stored?.connection.expiresAt;
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value) : undefined;
}

/** Whether a Visma connection holds service (client-credentials) tokens; `false` when they cannot be read. */
export async function isServiceConnection(workspace: Workspace, connection: Connection): Promise<boolean> {
  if (connection.system !== 'visma' || !connection.tokens) return false;
  try {
    const stored = await sealedTokenStore<{ kind?: unknown }>(workspace.store, workspace.vault).load(
      connection.id,
    );
    return stored?.connection.kind === 'service';
  } catch {
    return false;
  }
}
