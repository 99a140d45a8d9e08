/** Tokens of one Visma connection. Persist it (encrypted) where you keep connections; the library stores nothing. */
export interface VismaTokenSet {
  /** Bearer token for API calls. Secret: never log it. */
  readonly accessToken: string;
  /** Interactive connections with `offline_access` only; the Service API issues none (visma-net.md §2.4). */
  readonly refreshToken?: string | undefined;
  /** When the access token expires, epoch milliseconds. */
  readonly expiresAt: number;
  /** When the access token was issued (or received), epoch milliseconds. */
  readonly issuedAt: number;
  /** Scopes granted to the access token. */
  readonly scopes: readonly string[];
}

/** The signed-in Visma user of an interactive connection. Match users on `sub`, never on e-mail (§2.7). */
export interface VismaUser {
  /** Visma Connect subject id: the stable key to match users on. */
  readonly sub: string;
  /** E-mail from the ID token; may change or be absent, so for display only. */
  readonly email?: string | undefined;
  /** Display name from the ID token, when given. */
  readonly name?: string | undefined;
}

/** A company-bound Visma connection: who connected, to which company, with which tokens. */
export interface VismaConnection {
  /** `interactive` for a user sign-in, `service` for client credentials (no refresh token, visma-net.md §2.4). */
  readonly kind: 'interactive' | 'service';
  /** The app's client id the tokens were issued to. */
  readonly clientId: string;
  /** The Company tenant id the tokens are bound to (the `tenant_id` claim). */
  readonly companyId: string;
  /** The signed-in user; absent for service connections. */
  readonly user?: VismaUser | undefined;
  /** The current tokens; replaced on every refresh. */
  readonly tokens: VismaTokenSet;
}

/** Claims DataBridge reads from a Visma Connect access token (a JWT, visma-net.md §2.7). */
export interface VismaAccessTokenClaims {
  /** The `tenant_id` claim, lower-cased: the Company tenant the token is bound to (visma-net.md §2.7). */
  readonly tenantId?: string | undefined;
  /** The `sub` claim: the signed-in user's stable id (interactive tokens). */
  readonly sub?: string | undefined;
  /** The `client_id` claim: the app the token was issued to. */
  readonly clientId?: string | undefined;
  /** Epoch seconds. */
  readonly exp?: number | undefined;
  /** Epoch seconds. */
  readonly iat?: number | undefined;
  /** The `scope` claim as issued: space-separated scopes. */
  readonly scope?: string | undefined;
}

/**
 * Reads the claims of a Visma Connect access token without verifying it: the client got it over TLS from the token
 * endpoint, and only needs the company and expiry. Returns an empty object for an opaque (non-JWT) token.
 */
export function readAccessTokenClaims(accessToken: string): VismaAccessTokenClaims {
  const payload = accessToken.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
    return {
      tenantId: text(claims.tenant_id)?.toLowerCase(),
      sub: text(claims.sub),
      clientId: text(claims.client_id),
      exp: number(claims.exp),
      iat: number(claims.iat),
      scope: text(claims.scope),
    };
  } catch {
    return {};
  }
}
