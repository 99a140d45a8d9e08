import type { AdapterPayload, Client } from 'oidc-provider';
import type { VismaSandboxApp } from '../world.js';

/**
 * OAuth client metadata for an app registered in the (simulated) Developer Portal (visma-net.md §2.2).
 *
 * - Web apps: authorization code + refresh token, `response_mode` query or form_post. With a secret they are
 *   confidential (`client_secret_basic`; oidc-provider accepts `client_secret_post` from the same client too);
 *   without one they are public and must use PKCE (§2.6).
 * - Service apps: client credentials only (§2.4).
 */
export function clientMetadataFor(app: VismaSandboxApp): AdapterPayload {
  const secret = app.clientSecret === undefined ? {} : { client_secret: app.clientSecret };
  const authMethod = app.clientSecret === undefined ? 'none' : 'client_secret_basic';
  if (app.kind === 'service') {
    return {
      client_id: app.clientId,
      ...secret,
      token_endpoint_auth_method: authMethod,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    };
  }
  return {
    client_id: app.clientId,
    ...secret,
    token_endpoint_auth_method: authMethod,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    response_modes: ['query', 'form_post'],
    redirect_uris: [...app.redirectUris],
    post_logout_redirect_uris: [...app.redirectUris],
  };
}

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether `requested` may be used where `registered` was registered: an exact match, or (RFC 8252 §7.3) the same
 * `http` loopback URI on any port, because a CLI listens on a random loopback port.
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = URL.parse(registered);
  const b = URL.parse(requested);
  if (!a || !b || a.protocol !== 'http:' || b.protocol !== 'http:') return false;
  if (!LOOPBACK_HOSTNAMES.has(a.hostname) || a.hostname !== b.hostname) return false;
  return a.pathname === b.pathname && a.search === b.search && a.hash === '' && b.hash === '';
}

/**
 * Makes every client of the provider match redirect URIs (and post-logout redirect URIs) with
 * {@link redirectUriMatches}. oidc-provider only ignores loopback ports for `application_type: native`; Visma
 * web apps used by a CLI need it too.
 */
export function allowLoopbackRedirectsOnAnyPort(clientPrototype: Client): void {
  const patch = (method: 'redirectUriAllowed' | 'postLogoutRedirectUriAllowed', list: keyof RegisteredUris) =>
    Object.defineProperty(clientPrototype, method, {
      configurable: true,
      writable: true,
      value(this: RegisteredUris, value: string): boolean {
        return (this[list] ?? []).some((registered) => redirectUriMatches(registered, value));
      },
    });
  patch('redirectUriAllowed', 'redirectUris');
  patch('postLogoutRedirectUriAllowed', 'postLogoutRedirectUris');
}

interface RegisteredUris {
  readonly redirectUris?: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
}
