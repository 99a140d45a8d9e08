import type { KeyObject } from 'node:crypto';
import { SuperOfficeError } from '../errors/superoffice-error.js';
import { refreshSuperOfficeConnection } from './connect-interactive.js';
import type { SuperOfficeConnection } from './connection.js';
import type { SuperOfficeAuth } from './superoffice-auth.js';
import { connectSystemUser, TICKET_LIFETIME_MS } from './system-user.js';

/** Options for {@link CredentialManager}. */
export interface CredentialManagerOptions {
  /** From `discoverSuperOffice`; not needed for onsite connections. */
  readonly auth?: SuperOfficeAuth | undefined;
  /** The connection to keep usable. */
  readonly connection: SuperOfficeConnection;
  /** The app's private key, so an expired or refused ticket can be exchanged again (system connections). */
  readonly systemUserPrivateKey?: string | KeyObject | undefined;
  /** Send `SO-AppToken` with bearer tokens too (UNCERTAIN whether required, superoffice.md §6; default false). */
  readonly appTokenWithBearer?: boolean | undefined;
  /** Renew bearer tokens this long before they expire (default 60 s). */
  readonly refreshSkewMs?: number | undefined;
  /** Called with each renewed connection; persist it. */
  readonly onRenew?: ((connection: SuperOfficeConnection) => void) | undefined;
}

/**
 * Keeps one connection's credential usable and turns it into request headers. Renewal is single-flight: concurrent
 * callers share one refresh or one system-user exchange; a ticket is reused for every call and slides 6 h on use
 * (never an exchange per request, superoffice.md §5).
 */
export class CredentialManager {
  readonly #options: CredentialManagerOptions;
  #connection: SuperOfficeConnection;
  #inflight: Promise<SuperOfficeConnection> | undefined;

  constructor(options: CredentialManagerOptions) {
    this.#options = options;
    this.#connection = options.connection;
  }

  /** The connection with its current credential. */
  get connection(): SuperOfficeConnection {
    return this.#connection;
  }

  /** Headers for the next request, renewing first when the credential is (about to be) expired. */
  async headers(): Promise<{
    /** Lower-case header names: `authorization`, plus `so-apptoken` for tickets (and bearer when enabled). */
    headers: Record<string, string>;
    /** The raw credential used (access token, ticket or Basic value); pass it to {@link CredentialManager.renew} after a 401. */
    credential: string;
  }> {
    const connection = this.#needsRenewal(this.#connection) ? await this.renew() : this.#connection;
    return headersFor(connection, this.#options);
  }

  /** A call succeeded with the ticket: it slides another 6 hours. */
  used(): void {
    if (this.#connection.kind === 'system') {
      this.#connection = { ...this.#connection, expiresAt: Date.now() + TICKET_LIFETIME_MS };
    }
  }

  /** Renews unless another caller already replaced `usedCredential`. Single-flight. */
  renew(usedCredential?: string): Promise<SuperOfficeConnection> {
    if (
      usedCredential !== undefined &&
      headersFor(this.#connection, this.#options).credential !== usedCredential
    ) {
      return Promise.resolve(this.#connection);
    }
    this.#inflight ??= this.#renewOnce().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #renewOnce(): Promise<SuperOfficeConnection> {
    const current = this.#connection;
    const { auth } = this.#options;
    let next: SuperOfficeConnection;
    if (current.kind === 'onsite' || !auth) {
      throw new SuperOfficeError({
        kind: 'reauth_required',
        status: 401,
        retryable: false,
        tenant: current.tenant,
        message: `The credentials for ${current.tenant} were refused`,
        remedy:
          'Check the user name and password (or ticket) of the SuperOffice installation, then reconnect.',
      });
    } else if (current.kind === 'user') {
      next = await refreshSuperOfficeConnection(auth, current);
    } else {
      const privateKey = this.#options.systemUserPrivateKey;
      if (!privateKey) {
        throw new SuperOfficeError({
          kind: 'reauth_required',
          status: 0,
          retryable: false,
          tenant: current.tenant,
          message: `The system-user ticket for ${current.tenant} expired and no private key was given to renew it`,
          remedy: 'Give the app private key (systemUserPrivateKey) so tickets can be renewed, or reconnect.',
        });
      }
      next = await connectSystemUser(auth, {
        tenant: current.tenant,
        systemToken: current.systemToken,
        privateKey,
        ...(current.webApiUrl ? { webApiUrl: current.webApiUrl } : {}),
      });
    }
    this.#connection = next;
    this.#options.onRenew?.(next);
    return next;
  }

  #needsRenewal(connection: SuperOfficeConnection): boolean {
    if (connection.kind === 'onsite') return false;
    const skew = connection.kind === 'user' ? (this.#options.refreshSkewMs ?? 60_000) : 0;
    const expiresAt = connection.kind === 'user' ? connection.tokens.expiresAt : connection.expiresAt;
    return expiresAt - skew <= Date.now();
  }
}

function headersFor(
  connection: SuperOfficeConnection,
  options: CredentialManagerOptions,
): { headers: Record<string, string>; credential: string } {
  const appToken = options.auth?.clientSecret;
  switch (connection.kind) {
    case 'user':
      return {
        credential: connection.tokens.accessToken,
        headers: {
          authorization: `Bearer ${connection.tokens.accessToken}`,
          ...(options.appTokenWithBearer && appToken ? { 'so-apptoken': appToken } : {}),
        },
      };
    case 'system':
      // SOTicket is sent as is (not re-encoded) together with the app token (superoffice.md §6).
      return {
        credential: connection.ticket,
        headers: {
          authorization: `SOTicket ${connection.ticket}`,
          ...(appToken ? { 'so-apptoken': appToken } : {}),
        },
      };
    case 'onsite':
      if ('ticket' in connection.credentials) {
        return {
          credential: connection.credentials.ticket,
          headers: { authorization: `SOTicket ${connection.credentials.ticket}` },
        };
      } else {
        const basic = Buffer.from(
          `${connection.credentials.username}:${connection.credentials.password}`,
        ).toString('base64');
        return { credential: basic, headers: { authorization: `Basic ${basic}` } };
      }
  }
}
