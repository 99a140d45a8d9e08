/**
 * The parts of `oidc-provider` 9 that the Visma Connect lookalike uses. The package ships no types, and the
 * sandbox may not add `@types/oidc-provider`, so this declares only what we call, checked against 9.13.3's `lib/`.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** What an adapter stores for one model instance. */
  export interface AdapterPayload {
    [key: string]: unknown;
    accountId?: string;
    clientId?: string;
    consumed?: number;
    grantId?: string;
    kind?: string;
    uid?: string;
  }

  /** Storage for one model (`Session`, `Grant`, `RefreshToken`, `Client`, ...). */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** `configuration.adapter`: constructed once per model name. */
  export type AdapterConstructor = new (modelName: string) => Adapter;

  /** A registered client, as the provider resolved it. */
  export interface Client {
    readonly clientId: string;
    readonly clientAuthMethod: string;
    readonly redirectUris: readonly string[];
    redirectUriAllowed(value: string): boolean;
    grantTypeAllowed(grantType: string): boolean;
  }

  /** The fields of an authorization code or refresh token that we read. */
  export interface GrantSourceToken {
    readonly kind: string;
    readonly accountId?: string;
    readonly authTime?: number;
    readonly grantId?: string;
    readonly scope?: string;
  }

  /** An access token (`AccessToken` or `ClientCredentials`) while it is being issued. */
  export interface IssuingToken {
    readonly kind: string;
    readonly grantId?: string;
  }

  /** A consented grant: which scopes one user gave one client. */
  export interface Grant {
    readonly accountId?: string;
    readonly clientId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: readonly string[]): void;
    addResourceScope(resource: string, scope: string): void;
    getOIDCScope(): string;
    save(ttl?: number): Promise<string>;
  }

  /** `ctx.oidc` inside the provider's hooks. */
  export interface OIDCContext {
    readonly route?: string;
    /** The raw parsed form body of the token request, unknown parameters included. */
    readonly body?: Record<string, string | string[] | undefined>;
    readonly params?: Record<string, unknown>;
    readonly client?: Client;
    readonly entities: {
      readonly AuthorizationCode?: GrantSourceToken;
      readonly RefreshToken?: GrantSourceToken;
      readonly Grant?: Grant;
    };
  }

  /** The Koa context the provider passes to hooks and middleware. */
  export interface KoaContextWithOIDC {
    readonly path: string;
    readonly method: string;
    body: unknown;
    type: string;
    status: number;
    readonly oidc: OIDCContext;
  }

  /** What `findAccount` returns. */
  export interface Account {
    readonly accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  /** A pending interaction (login, consent) as `interactionDetails` returns it. */
  export interface InteractionDetails {
    readonly uid: string;
    readonly prompt: {
      readonly name: string;
      readonly reasons: readonly string[];
      readonly details: { readonly missingOIDCClaims?: readonly string[] } & Record<string, unknown>;
    };
    readonly params: Record<string, unknown> & { readonly client_id?: string; readonly scope?: string };
    readonly session?: { readonly accountId?: string; readonly uid: string };
    readonly grantId?: string;
  }

  /** The outcome of an interaction, handed back to the authorization endpoint. */
  export interface InteractionResults {
    login?: { accountId: string; ts?: number; amr?: string[]; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  /** Resource server settings for the API the access tokens are for. */
  export interface ResourceServer {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'jwt' | 'opaque';
    jwt?: { sign?: { alg: string } };
  }

  type Hook<Args extends unknown[], Result> = (...args: Args) => Result | Promise<Result>;

  /** The configuration keys the lookalike sets. */
  export interface Configuration {
    adapter?: AdapterConstructor;
    claims?: Record<string, string[]>;
    clientAuthMethods?: string[];
    clientBasedCORS?: Hook<[KoaContextWithOIDC, string, Client], boolean>;
    cookies?: { keys?: string[] };
    discovery?: Record<string, unknown>;
    expiresWithSession?: Hook<[KoaContextWithOIDC, GrantSourceToken], boolean>;
    extraTokenClaims?: Hook<[KoaContextWithOIDC, IssuingToken], Record<string, unknown> | undefined>;
    features?: Record<string, Record<string, unknown>>;
    findAccount?: Hook<[KoaContextWithOIDC, string, GrantSourceToken | undefined], Account | undefined>;
    formats?: {
      customizers?: {
        jwt?: Hook<
          [KoaContextWithOIDC, IssuingToken, { header?: unknown; payload: Record<string, unknown> }],
          void
        >;
      };
    };
    interactions?: { url?: Hook<[KoaContextWithOIDC, { uid: string }], string> };
    issueRefreshToken?: Hook<[KoaContextWithOIDC, Client, { scopes: Set<string> }], boolean>;
    jwks?: { keys: Record<string, unknown>[] };
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    renderError?: Hook<[KoaContextWithOIDC, Record<string, unknown>, Error], void>;
    responseTypes?: string[];
    rotateRefreshToken?: boolean | ((ctx: KoaContextWithOIDC) => boolean);
    routes?: Record<string, string>;
    scopes?: string[];
    ttl?: Record<string, number>;
  }

  /** The OpenID Provider; it is also the Koa application. */
  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: {
      new (properties: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    readonly Client: { readonly prototype: Client };
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  /** Errors that the provider renders as OAuth error responses. */
  export namespace errors {
    class OIDCProviderError extends Error {
      readonly status: number;
      readonly statusCode: number;
      readonly error: string;
      readonly error_description?: string;
    }
    class CustomOIDCProviderError extends OIDCProviderError {
      constructor(error: string, description?: string);
    }
    class InvalidRequest extends OIDCProviderError {
      constructor(description?: string);
    }
    class InvalidScope extends OIDCProviderError {
      constructor(description: string, scope: string);
    }
    class InvalidTarget extends OIDCProviderError {
      constructor(description?: string);
    }
    class SessionNotFound extends OIDCProviderError {
      constructor(description?: string);
    }
  }
}
