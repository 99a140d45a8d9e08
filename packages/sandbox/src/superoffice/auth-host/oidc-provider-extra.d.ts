/**
 * What the SuperOffice auth host uses of `oidc-provider` 9 beyond the declarations in
 * `../../visma/connect/oidc-provider.d.ts` (which it shares): they merge into the same module. Checked against
 * 9.13.3's `lib/`.
 */
declare module 'oidc-provider' {
  import type { Grant, InteractionResults, KoaContextWithOIDC, Provider } from 'oidc-provider';

  interface OIDCContext {
    /** The interaction result being resumed, at the authorization endpoint. */
    readonly result?: InteractionResults;
    /** The provider handling the request. */
    readonly provider: Provider;
  }

  interface Configuration {
    /** Which grant an authorization request may reuse without an interaction. */
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
  }
}
