import { type Configuration, errors } from 'oidc-provider';
import {
  DAY,
  SHARED_TTL,
  sharedFeatures,
  sharedProviderConfiguration,
  signingJwks,
} from '../../oidc/provider-defaults.js';
import type { VismaWorld } from '../world.js';
import { extraTokenClaims, jwtCustomizer } from './access-token-claims.js';
import { accountFinder } from './accounts.js';
import {
  IDENTITY_SCOPES,
  INTERACTIVE_API_SCOPES,
  SERVICE_API_SCOPES,
  VISMA_API_AUDIENCE,
} from './constants.js';
import { renderErrorPage, renderLogoutPage, renderSignedOutPage } from './interaction/pages.js';
import type { ConnectStore } from './store.js';

/** The pages oidc-provider renders itself. */
const PAGES = { renderErrorPage, renderLogoutPage, renderSignedOutPage };

/** Settings that differ between runs. */
export interface ProviderSettings {
  readonly accessTokenTtlSeconds: number;
}

/**
 * oidc-provider configuration that copies Visma Connect. Each part names what it copies.
 */
export function providerConfiguration(
  world: VismaWorld,
  store: ConnectStore,
  { accessTokenTtlSeconds }: ProviderSettings,
): Configuration {
  return {
    ...sharedProviderConfiguration(PAGES, store),
    // The API lookalike verifies access tokens with world.keys.publicKey, so the provider signs with world.keys.
    jwks: signingJwks(world.keys.privateKey, world.keys.kid),
    // visma-net.md §2.1: IdentityServer-style endpoint paths.
    routes: {
      authorization: '/connect/authorize',
      token: '/connect/token',
      userinfo: '/connect/userinfo',
      end_session: '/connect/endsession',
      jwks: '/.well-known/openid-configuration/jwks',
    },
    // lessons-from-peers.md §14 / RFC 9700: code flow only.
    responseTypes: ['code'],
    // visma-net.md §2.4: client auth in the body or via Basic.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    // visma-net.md §2.3: identity scopes; the API scopes belong to the resource server below.
    scopes: [...IDENTITY_SCOPES],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'], tenants: [] },
    // lessons-from-peers.md §14: clients probe `prompt_values_supported` before sending prompt=login.
    discovery: { prompt_values_supported: ['none', 'login', 'consent'] },
    features: {
      ...sharedFeatures(PAGES),
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Every access token is for the Visma.net ERP API: a JWT with aud = its audience (visma-net.md §1, §2.7).
        defaultResource: async (_ctx: unknown, _client: unknown, oneOf?: string[]) =>
          oneOf ?? VISMA_API_AUDIENCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, resource: string, client: { clientId: string }) => {
          if (resource !== VISMA_API_AUDIENCE) throw new errors.InvalidTarget();
          // visma-net.md §2.3: web apps get the Interactive API scopes, service apps the Service API ones.
          const service = world.apps.get(client.clientId)?.kind === 'service';
          return {
            scope: (service ? SERVICE_API_SCOPES : INTERACTIVE_API_SCOPES).join(' '),
            audience: VISMA_API_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtlSeconds,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // visma-net.md §2.6: PKCE (S256) required for public clients, optional for confidential ones.
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    // visma-net.md §2.6: refresh tokens only with offline_access (and, per OIDC Core §11, only when prompt
    // included consent: oidc-provider drops offline_access otherwise, as the real service does).
    issueRefreshToken: (_ctx, client, source) =>
      client.grantTypeAllowed('refresh_token') && source.scopes.has('offline_access'),
    // visma-net.md §2.8: "Re-use" keeps the refresh token; "One time" rotates it (grace period: see store.ts).
    rotateRefreshToken: (ctx) =>
      world.apps.get(ctx.oidc.client?.clientId ?? '')?.refreshTokenMode === 'one_time',
    // Refresh tokens outlive the browser session: signing out does not disconnect an integration.
    expiresWithSession: () => false,
    ttl: {
      ...SHARED_TTL,
      AccessToken: accessTokenTtlSeconds, // visma-net.md §2.8: 3600 s
      ClientCredentials: accessTokenTtlSeconds,
      AuthorizationCode: 300,
      RefreshToken: 30 * DAY,
      Grant: 365 * DAY,
    },
    findAccount: accountFinder(world, store),
    extraTokenClaims: extraTokenClaims(world, store),
    formats: { customizers: { jwt: jwtCustomizer(world) } },
  };
}
