/** The signed-in SuperOffice user of an interactive connection (id_token claims, superoffice.md §4). */
export interface SuperOfficeUser {
  /** SuperID subject. */
  readonly sub: string;
  /** Associate id inside the tenant. */
  readonly associateId?: number | undefined;
  /** E-mail / user principal name. */
  readonly email?: string | undefined;
  /** Whether the user is a tenant administrator (may approve apps). */
  readonly isAdministrator: boolean;
}

/** An interactive (OIDC) connection: bearer access token plus a long-lived, non-rotating refresh token (§3). */
export interface SuperOfficeUserConnection {
  /** Discriminator. */
  readonly kind: 'user';
  /** The app's client id. */
  readonly clientId: string;
  /** Tenant context identifier, e.g. `Cust12345` (`ctx` claim). */
  readonly tenant: string;
  /** REST base from the `webapi_url` claim, e.g. `https://sod2.superoffice.com/Cust12345/api`, without trailing slash. */
  readonly webApiUrl: string | undefined;
  /** Tenant name (`company_name` claim). */
  readonly tenantName?: string | undefined;
  /** The system token of this app on this tenant, present when the app is registered for the system user. */
  readonly systemToken?: string | undefined;
  /** Who signed in. */
  readonly user: SuperOfficeUser;
  /** Tokens; persist them encrypted, the library stores nothing. */
  readonly tokens: {
    /** Opaque bearer token (`8A:CustNNNN.…`). */
    readonly accessToken: string;
    /** Never rotated: keep using the original (superoffice.md §3). */
    readonly refreshToken?: string | undefined;
    /** Epoch ms when the access token expires. */
    readonly expiresAt: number;
  };
}

/** A system-user connection: a ticket (6 h sliding) plus the app token (superoffice.md §5). */
export interface SuperOfficeSystemConnection {
  /** Discriminator. */
  readonly kind: 'system';
  /** The app's client id. */
  readonly clientId: string;
  /** Tenant context identifier. */
  readonly tenant: string;
  /** Known API base, if any (the State API resolves it otherwise). */
  readonly webApiUrl: string | undefined;
  /** The `system_token` claim the tenant's administrator granted at consent. */
  readonly systemToken: string;
  /** The ticket, sent as `Authorization: SOTicket <ticket>` with `SO-AppToken`. */
  readonly ticket: string;
  /** Epoch ms when the ticket expires if unused; each use slides it by 6 h. */
  readonly expiresAt: number;
}

/** An onsite installation: its own base URL, basic auth or a ticket (superoffice.md §7). */
export interface SuperOfficeOnsiteConnection {
  /** Discriminator. */
  readonly kind: 'onsite';
  /** A label for the installation, used where online clients use the tenant id. */
  readonly tenant: string;
  /** REST base, e.g. `https://crm.example.com/sites/prod/api`. */
  readonly webApiUrl: string;
  /** Basic credentials (must be enabled in web.config) or an onsite ticket. */
  readonly credentials:
    | {
        /** Login name of an onsite user. */
        readonly username: string;
        /** That user's password; sent as HTTP Basic on every request. */
        readonly password: string;
      }
    | {
        /** An onsite ticket, sent as `Authorization: SOTicket <ticket>`. */
        readonly ticket: string;
      };
}

/** Any SuperOffice connection. */
export type SuperOfficeConnection =
  | SuperOfficeUserConnection
  | SuperOfficeSystemConnection
  | SuperOfficeOnsiteConnection;
