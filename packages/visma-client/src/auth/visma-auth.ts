import * as oidc from 'openid-client';
import { classifyNetworkError, classifyVismaError } from '../errors/classify.js';
import { VismaError } from '../errors/visma-error.js';
import { type ResolvedVismaAuthOptions, resolveVismaAuthOptions, type VismaAuthOptions } from '../options.js';

/** A `fetch` replacement, e.g. for tests or a proxy. */
export type VismaFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Sign-in settings for one Visma Connect app, made by {@link discoverVismaAuth}. Holds no tokens. */
export interface VismaAuth {
  /** Validated sign-in options (client id, issuer without trailing slash, timeout). */
  readonly options: ResolvedVismaAuthOptions;
  /** The openid-client configuration (server metadata and client authentication). */
  readonly oidc: oidc.Configuration;
  /** Whether the issuer advertises `prompt=login` (`prompt_values_supported`, UNCERTAIN for connect.visma.com). */
  readonly supportsPromptLogin: boolean;
}

/** Extra settings for {@link discoverVismaAuth}. */
export interface DiscoverVismaAuthSettings {
  /** Custom fetch for every call to Visma Connect. */
  fetch?: VismaFetch;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Validates the options and reads the issuer's discovery document
 * (`/.well-known/openid-configuration`, visma-net.md §2.1).
 *
 * @throws `VismaConfigError` for bad options, `VismaError` when discovery fails.
 */
export async function discoverVismaAuth(
  options: VismaAuthOptions,
  settings: DiscoverVismaAuthSettings = {},
): Promise<VismaAuth> {
  const resolved = resolveVismaAuthOptions(options);
  const issuer = new URL(resolved.issuer);
  const execute =
    LOOPBACK.has(issuer.hostname) && issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  const clientAuth = resolved.clientSecret ? oidc.ClientSecretPost(resolved.clientSecret) : oidc.None();
  try {
    const config = await oidc.discovery(issuer, resolved.clientId, resolved.clientSecret, clientAuth, {
      execute,
      timeout: Math.ceil(resolved.timeoutMs / 1000),
      ...(settings.fetch ? { [oidc.customFetch]: toCustomFetch(settings.fetch) } : {}),
    });
    const prompts = config.serverMetadata().prompt_values_supported;
    return {
      options: resolved,
      oidc: config,
      supportsPromptLogin: Array.isArray(prompts) && prompts.includes('login'),
    };
  } catch (error) {
    throw toVismaAuthError(error, {
      clientId: resolved.clientId,
      request: `GET ${resolved.issuer}/.well-known/openid-configuration`,
    });
  }
}

function toCustomFetch(fetchImpl: VismaFetch): oidc.CustomFetch {
  return (url, options) => fetchImpl(url, options as RequestInit);
}

/** Maps openid-client failures to a classified {@link VismaError} (OAuth errors keep their `error` code). */
export function toVismaAuthError(
  error: unknown,
  context: {
    clientId?: string | undefined;
    companyId?: string | undefined;
    /** A human name for the company, used in remedies. */
    companyName?: string | undefined;
    user?: string | undefined;
    request: string;
  },
): VismaError {
  if (error instanceof VismaError) return error;
  const base = { ...context, source: 'token' as const };
  if (error instanceof oidc.ResponseBodyError) {
    return classifyVismaError(
      { status: error.status, body: { error: error.error, error_description: error.error_description } },
      base,
    );
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return classifyVismaError(
      { status: 400, body: { error: error.error, error_description: error.error_description } },
      base,
    );
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0];
    return classifyVismaError(
      { status: error.status, body: { error: challenge?.parameters.error ?? 'invalid_client' } },
      base,
    );
  }
  if (error instanceof oidc.ClientError && error.cause instanceof Response) {
    return classifyVismaError({ status: error.cause.status, headers: error.cause.headers }, base);
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message))
    return classifyNetworkError(error, base);
  if (error instanceof oidc.ClientError && (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT')) {
    return classifyNetworkError(error, base);
  }
  return new VismaError({
    kind: 'protocol',
    status: 0,
    retryable: false,
    message: `${context.request}: Visma Connect's answer did not pass validation (${(error as Error).message})`,
    remedy: 'Sign in again; if it keeps failing, check the issuer URL and the system clock.',
    companyId: context.companyId,
    request: context.request,
    cause: error,
  });
}
