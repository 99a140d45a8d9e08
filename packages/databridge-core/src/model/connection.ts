import type { ConnectionHealth } from '../connections/health.js';
import type { ClassifiedError } from './classified-error.js';
import type { SealedRecord } from './sealed-record.js';

/**
 * The system a connection talks to: the two built in, or the name of an integrator's connector (any other text; the
 * sync engine resolves it through its connector resolver).
 */
export type ConnectionSystem = 'visma' | 'superoffice' | (string & {});

/**
 * A connection to one company (Visma) or tenant (SuperOffice) as one account. Many profiles may share it, so one
 * reconnect repairs all of them. Its tokens are only ever held sealed.
 */
export interface Connection {
  /** Store-wide unique id. */
  readonly id: string;
  /** Which API the connection talks to. */
  readonly system: ConnectionSystem;
  /** Name the user gave it. */
  readonly name: string;
  /** Visma Company tenant id or SuperOffice tenant context identifier. */
  readonly tenantId: string;
  /** Display name of the company or tenant, when known. */
  readonly tenantName?: string | undefined;
  /** Who signed in (e-mail or subject), shown so the user knows which account is connected. */
  readonly accountUser?: string | undefined;
  /** Scopes granted. */
  readonly scopes: readonly string[];
  /** The token set, sealed by the vault; `undefined` until the first sign-in completes. */
  readonly tokens?: SealedRecord | undefined;
  /** Current health. */
  readonly health: ConnectionHealth;
  /** The last classified error, kept until a check succeeds. */
  readonly lastError?: ClassifiedError | undefined;
  /** When health was last checked, ISO 8601. */
  readonly lastCheckedAt?: string | undefined;
  /** When the tokens were last written (refresh or reconnect), ISO 8601. */
  readonly lastRefreshedAt?: string | undefined;
  /**
   * Token version for compare-and-swap: 1 on creation, bumped on every token write and on nothing else, so a health
   * update never makes a concurrent refresh lose its swap (and with it a rotated refresh token).
   */
  readonly version: number;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601. */
  readonly updatedAt: string;
}

/** What a caller gives to create a {@link Connection}; the store fills in the rest. */
export interface NewConnection {
  /** Id to use; a random UUID when absent. */
  readonly id?: string | undefined;
  /** See {@link Connection.system}. */
  readonly system: ConnectionSystem;
  /** See {@link Connection.name}. */
  readonly name: string;
  /** See {@link Connection.tenantId}. */
  readonly tenantId: string;
  /** See {@link Connection.tenantName}. */
  readonly tenantName?: string | undefined;
  /** See {@link Connection.accountUser}. */
  readonly accountUser?: string | undefined;
  /** See {@link Connection.scopes}; empty when absent. */
  readonly scopes?: readonly string[] | undefined;
  /** See {@link Connection.tokens}. */
  readonly tokens?: SealedRecord | undefined;
  /** See {@link Connection.health}; `ok` when absent. */
  readonly health?: ConnectionHealth | undefined;
}

/**
 * Fields of a {@link Connection} that `update` may change. Tokens are absent on purpose: they change only through
 * compare-and-swap. A field set to `null` is cleared.
 */
export interface ConnectionPatch {
  /** New name. */
  readonly name?: string;
  /** New tenant display name, or `null` to clear. */
  readonly tenantName?: string | null;
  /** New account user, or `null` to clear. */
  readonly accountUser?: string | null;
  /** New scopes. */
  readonly scopes?: readonly string[];
  /** New health. */
  readonly health?: ConnectionHealth;
  /** New last error, or `null` to clear. */
  readonly lastError?: ClassifiedError | null;
  /** New last-checked time, ISO 8601. */
  readonly lastCheckedAt?: string;
}
