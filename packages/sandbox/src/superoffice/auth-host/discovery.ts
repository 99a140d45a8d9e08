import type { KoaContextWithOIDC } from 'oidc-provider';
import { REVOKE_PATH } from './constants.js';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

/** oidc-provider serves discovery at this fixed path; the host maps `/login/.well-known/…` onto it. */
export const PROVIDER_DISCOVERY_PATH = '/.well-known/openid-configuration';

/**
 * Adjusts oidc-provider's discovery document to SuperOffice's (superoffice.md §3): the response modes the
 * stand-in supports (query, form_post), `plain` next to S256 (see `authorize-request.ts`), and the Revoke
 * endpoint, which this host serves itself.
 */
export function discoveryAdjuster(issuer: string): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== PROVIDER_DISCOVERY_PATH || !ctx.body || typeof ctx.body !== 'object') return;
    const document = ctx.body as Record<string, unknown>;
    document.response_modes_supported = ['form_post', 'query'];
    document.code_challenge_methods_supported = ['S256', 'plain'];
    document.revocation_endpoint = `${issuer}${REVOKE_PATH}`;
  };
}
