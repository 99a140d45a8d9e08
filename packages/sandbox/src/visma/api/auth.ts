import { type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { VismaWorld } from '../world.js';
import { insufficientScopeError, ippCompanyIdError, noLicenseError, unauthorizedError } from './errors.js';

/**
 * Per-request authentication and authorisation (visma-net.md §2.3 scopes, §2.7 token contents, §2.9 role errors,
 * §2.10 Customer vs Company tenant id, §2.12 legacy `ipp-company-id`).
 */

/** The audience Visma Connect puts in API access tokens (visma-net.md §1 "Token audience"). */
export const API_AUDIENCE = 'https://api.finance.visma.net/erp/service';

/** Who is calling, from a verified access token. */
export interface ApiPrincipal {
  /** The `client_id` claim: the calling app. */
  readonly clientId: string;
  /** The `sub` claim: the user, or the client id for service tokens (also when `sub` is absent). */
  readonly sub: string;
  /** A service (client credentials) token: `sub === client_id`, no user role check (visma-net.md §2.4). */
  readonly isService: boolean;
  /** The `tenant_id` claim, lower-cased; absent for legacy-style user tokens. */
  readonly tenantId: string | undefined;
  /** Granted scopes from the `scope` claim (space-separated string or array), checked per method (visma-net.md §2.3). */
  readonly scopes: ReadonlySet<string>;
  /** Token id, used to refuse tokens of a revoked grant; `undefined` when the token has none. */
  readonly jti: string | undefined;
}

const SCOPE_FAMILIES = ['vismanet_erp_service_api', 'vismanet_erp_interactive_api'] as const;

/** The scope operation a method needs (visma-net.md §2.3: `:read`, `:create`, `:update`, `:delete`). */
export function scopeOperation(method: string): 'read' | 'create' | 'update' | 'delete' {
  switch (method) {
    case 'POST':
      return 'create';
    case 'PUT':
    case 'PATCH':
      return 'update';
    case 'DELETE':
      return 'delete';
    default:
      return 'read';
  }
}

/** Verifies bearer tokens against the world's signing key, caching verified payloads by token string. */
export class TokenVerifier {
  readonly #world: VismaWorld;
  readonly #cache = new Map<string, JWTPayload>();

  /** @internal */
  constructor(world: VismaWorld) {
    this.#world = world;
  }

  /** Forgets cached tokens (run by `world.reset()`). */
  clear(): void {
    this.#cache.clear();
  }

  /**
   * Checks the `Authorization` header: Bearer, RS256 signature by `world.keys` (header `kid` must match), `aud`, `exp`,
   * `nbf`, and that the grant wasn't revoked. The issuer isn't checked: the Visma Connect lookalike's issuer URL is
   * configurable, and the key is what proves origin.
   * @throws 401 (visma-net.md §3.2 "Bad or expired token")
   */
  async authenticate(authorization: string | undefined): Promise<ApiPrincipal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) throw unauthorizedError('missing bearer token');
    const token = match[1];
    let payload = this.#cache.get(token);
    if (payload && typeof payload.exp === 'number' && payload.exp * 1000 <= Date.now()) {
      throw unauthorizedError('token expired');
    }
    if (!payload) {
      payload = await this.#verify(token);
      if (this.#cache.size >= 1000) this.#cache.clear();
      this.#cache.set(token, payload);
    }
    if (typeof payload.jti === 'string' && this.#world.isAccessTokenRevoked(payload.jti)) {
      throw unauthorizedError('the grant behind this token was revoked');
    }
    const clientId = payload.client_id;
    if (typeof clientId !== 'string' || clientId === '') throw unauthorizedError('token has no client_id');
    const sub = typeof payload.sub === 'string' ? payload.sub : clientId;
    const rawScope = payload.scope;
    const scopes = new Set(
      typeof rawScope === 'string'
        ? rawScope.split(' ').filter(Boolean)
        : Array.isArray(rawScope)
          ? rawScope.map(String)
          : [],
    );
    const tenantId =
      typeof payload.tenant_id === 'string' && payload.tenant_id !== ''
        ? payload.tenant_id.toLowerCase()
        : undefined;
    return {
      clientId,
      sub,
      isService: sub === clientId,
      tenantId,
      scopes,
      jti: typeof payload.jti === 'string' ? payload.jti : undefined,
    };
  }

  async #verify(token: string): Promise<JWTPayload> {
    const { kid, publicKey } = this.#world.keys;
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          if (header.kid !== kid) throw new joseErrors.JWKSNoMatchingKey();
          return publicKey;
        },
        { algorithms: ['RS256'], audience: API_AUDIENCE, requiredClaims: ['exp'] },
      );
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorizedError('token expired');
      if (error instanceof joseErrors.JWKSNoMatchingKey) throw unauthorizedError('unknown signing key (kid)');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed)
        throw unauthorizedError('bad signature');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw unauthorizedError(`claim ${error.claim} rejected`);
      throw unauthorizedError('malformed token');
    }
  }
}

/**
 * Checks what the token may reach, in this order: the tenant (Customer tenant id or unknown → 401, §2.10); the legacy
 * company header or a user-scoped token without `tenant_id` → IPP 12002 (§2.9, §2.12); a user without API User on
 * the company → IPP 12027 (§2.9); the scope for the method → 403 (§2.3).
 * @returns the Company tenant id the call acts on.
 */
export function authorize(
  world: VismaWorld,
  principal: ApiPrincipal,
  method: string,
  hasCompanyHeader: boolean,
  noLicenseStatus: number,
): string {
  if (principal.tenantId !== undefined) {
    const found = world.companyByAnyTenantId(principal.tenantId);
    // visma-net.md §2.10: a Customer tenant id yields a token, but every API call answers 401.
    if (!found) throw unauthorizedError('unknown tenant');
    if (found.isCustomerTenant)
      throw unauthorizedError('tenant_id is a Customer tenant id, not a Company tenant id');
  }
  // visma-net.md §2.9 (legacy row), §2.12: `ipp-company-id` belongs to VNI's user-scoped tokens. Whether a Visma
  // Connect token tolerates the header is UNCERTAIN (§12.4); we refuse it, so clients that still send it find out.
  if (hasCompanyHeader || principal.tenantId === undefined) throw ippCompanyIdError();
  const tenantId = principal.tenantId;
  // visma-net.md §2.9: an interactive user without API User on the company → IPP 12027 (status UNCERTAIN).
  if (!principal.isService && !world.hasRole(principal.sub, tenantId, 'API User')) {
    throw noLicenseError(noLicenseStatus);
  }
  const operation = scopeOperation(method);
  const needed = SCOPE_FAMILIES.map((family) => `${family}:${operation}`);
  if (!needed.some((scope) => principal.scopes.has(scope))) throw insufficientScopeError(needed);
  return tenantId;
}
