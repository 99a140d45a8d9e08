/** Tokens of one Visma connection. Persist it (encrypted) where you keep connections; the library stores nothing. */
export interface VismaTokenSet {
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
  readonly sub: string;
  readonly email?: string | undefined;
  readonly name?: string | undefined;
}

/** A company-bound Visma connection: who connected, to which company, with which tokens. */
export interface VismaConnection {
  readonly kind: 'interactive' | 'service';
  readonly clientId: string;
  /** The Company tenant id the tokens are bound to (the `tenant_id` claim). */
  readonly companyId: string;
  /** The signed-in user; absent for service connections. */
  readonly user?: VismaUser | undefined;
  readonly tokens: VismaTokenSet;
}

/** Claims DataBridge reads from a Visma Connect access token (a JWT, visma-net.md §2.7). */
export interface VismaAccessTokenClaims {
  readonly tenantId?: string | undefined;
  readonly sub?: string | undefined;
  readonly clientId?: string | undefined;
  /** Epoch seconds. */
  readonly exp?: number | undefined;
  /** Epoch seconds. */
  readonly iat?: number | undefined;
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
