import type { Configuration } from 'oidc-provider';
import {
  DAY,
  SHARED_TTL,
  sharedFeatures,
  sharedProviderConfiguration,
  signingJwks,
} from '../../oidc/provider-defaults.js';
import type { ConnectStore } from '../../visma/connect/store.js';
import type { SuperOfficeWorld } from '../world.js';
import { accountFinder } from './accounts.js';
import {
  AUTHORIZATION_CODE_TTL_SECONDS,
  AUTHORIZE_PATH,
  CLAIM_NAMESPACE,
  END_SESSION_PATH,
  IDENTITY_CLAIMS,
  JWKS_PATH,
  TOKEN_PATH,
} from './constants.js';
import type { TenantGrants } from './grants.js';
import { renderErrorPage, renderLogoutPage, renderSignedOutPage } from './interaction/pages.js';
import type { TenantApiUrl } from './tenant-urls.js';

/** The pages oidc-provider renders itself. */
const PAGES = { renderErrorPage, renderLogoutPage, renderSignedOutPage };

/** Settings that differ between runs. */
export interface ProviderSettings {
  /** Lifetime of access tokens (`expires_in`). */
  readonly accessTokenTtlSeconds: number;
  /** The REST base of a tenant on its current host. */
  readonly tenantApiUrl: TenantApiUrl;
}

/** oidc-provider configuration that copies SuperID (superoffice.md §3, §4). Each part names what it copies. */
export function providerConfiguration(
  world: SuperOfficeWorld,
  store: ConnectStore,
  grants: TenantGrants,
  settings: ProviderSettings,
): Configuration {
  return {
    ...sharedProviderConfiguration(PAGES, store),
    // superoffice.md §4: id_tokens are RS256, verifiable with the key at jwks_uri; the world's key signs both
    // id_tokens and system-user JWTs.
    jwks: signingJwks(world.signingKey.privateKey, world.signingKey.kid),
    // superoffice.md §3 (discovery): endpoint paths under /login. Revoke is served by revoke.ts, not here.
    routes: {
      authorization: AUTHORIZE_PATH,
      token: TOKEN_PATH,
      jwks: JWKS_PATH,
      end_session: END_SESSION_PATH,
    },
    // superoffice.md §3: implicit and hybrid are deprecated; the stand-in only does the code flow.
    responseTypes: ['code'],
    // superoffice.md §3 (discovery): client_secret_post and client_secret_basic.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    // superoffice.md §3: scope `openid` only, which grants every SuperOffice claim.
    scopes: ['openid'],
    claims: { openid: ['sub', ...IDENTITY_CLAIMS.map((name) => `${CLAIM_NAMESPACE}${name}`)] },
    features: {
      ...sharedFeatures(PAGES),
      // superoffice.md §3: no standard UserInfo endpoint. (Disabled, oidc-provider also keeps the claims in the
      // id_token instead of moving them to userinfo.)
      userinfo: { enabled: false },
    },
    // superoffice.md §3: PKCE is optional (confidential clients); `plain` is rewritten to S256 (pkce-plain.ts).
    pkce: { required: () => false },
    // superoffice.md §3: refresh tokens come with every code exchange (no offline_access scope exists) and are
    // never rotated; they stay valid while the consent exists, browser session or not.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    expiresWithSession: () => false,
    // Every authorization runs the interaction (login when needed, tenant, consent check): a session's earlier
    // grant is for whichever tenant was picked then, so it is never reused silently.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId === undefined ? undefined : ctx.oidc.provider.Grant.find(grantId);
    },
    ttl: {
      ...SHARED_TTL,
      AccessToken: settings.accessTokenTtlSeconds, // superoffice.md §3: 3600 s (or the 1200 s option)
      AuthorizationCode: AUTHORIZATION_CODE_TTL_SECONDS, // superoffice.md §3: 10 minutes
      RefreshToken: 10 * 365 * DAY, // superoffice.md §3: long-lived; revocation ends it, not time
      Grant: 10 * 365 * DAY,
      ClientCredentials: 600,
    },
    findAccount: accountFinder(world, grants, settings.tenantApiUrl),
  };
}
