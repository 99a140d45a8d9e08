import { randomBytes } from 'node:crypto';
import type { Configuration } from 'oidc-provider';
import type { ConnectStore } from '../visma/connect/store.js';

/** One day, in seconds. */
export const DAY = 24 * 60 * 60;

/** The sign-in pages oidc-provider itself renders (errors and the end-session question). */
export interface ProviderPages {
  /** An error page showing oidc-provider's `error` and `error_description`. */
  readonly renderErrorPage: (out: Record<string, unknown>) => string;
  /** The end-session question around oidc-provider's hidden form. */
  readonly renderLogoutPage: (form: string) => string;
  /** Shown after signing out when no post_logout_redirect_uri was given. */
  readonly renderSignedOutPage: () => string;
}

/** The JWKS of a provider that signs with one RS256 key. */
export function signingJwks(privateKey: { export(options: { format: 'jwk' }): object }, kid: string) {
  return { keys: [{ ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
}

/** The `features` every stand-in sets the same way: no dev interactions, no PAR, RP-initiated logout on. */
export function sharedFeatures(pages: ProviderPages) {
  return {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx: { body: unknown }, form: string) => {
        ctx.body = pages.renderLogoutPage(form);
      },
      postLogoutSuccessSource: async (ctx: { body: unknown }) => {
        ctx.body = pages.renderSignedOutPage();
      },
    },
  };
}

/** Lifetimes every stand-in sets the same way (seconds). */
export const SHARED_TTL = {
  IdToken: 3600,
  Session: 14 * DAY,
  Interaction: 3600,
  DeviceCode: 600,
  BackchannelAuthenticationRequest: 600,
  PreAuthorizedCode: 600,
} as const;

/**
 * Configuration every stand-in shares: storage in its {@link ConnectStore}, random cookie keys, the sign-in pages at `/interaction/<uid>`, CORS for
 * every registered client, and errors rendered as the stand-in's HTML error page.
 */
export function sharedProviderConfiguration(
  pages: ProviderPages,
  store: ConnectStore,
): Pick<Configuration, 'adapter' | 'cookies' | 'interactions' | 'clientBasedCORS' | 'renderError'> {
  return {
    adapter: store.adapterClass(),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => true,
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = pages.renderErrorPage(out);
    },
  };
}
