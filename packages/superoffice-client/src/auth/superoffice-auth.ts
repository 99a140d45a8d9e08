import * as oidc from 'openid-client';
import { SUPEROFFICE_ENVIRONMENTS, type SuperOfficeEnvironment } from '../environments.js';
import { classifySuperOfficeError, classifySuperOfficeNetworkError } from '../errors/classify.js';
import { SuperOfficeConfigError } from '../errors/superoffice-config-error.js';
import { SuperOfficeError } from '../errors/superoffice-error.js';

/** A `fetch` replacement, e.g. for tests or a proxy. */
export type SuperOfficeFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options for {@link discoverSuperOffice}. */
export interface SuperOfficeAuthOptions {
  /** `sod`, `qaonline`, `online` (default) or the issuer URL of another SuperID (the sandbox). */
  environment?: SuperOfficeEnvironment | (string & {});
  /** Application id, registered once per environment. */
  clientId: string;
  /** Client secret; also the `SO-AppToken` of system-user calls. */
  clientSecret?: string;
  /** Timeout of each call to SuperID, ms (default 30000). */
  timeoutMs?: number;
}

/** Sign-in settings for one SuperOffice app in one environment. Holds no tokens. */
export interface SuperOfficeAuth {
  /** The authentication host, e.g. `https://sod.superoffice.com` (also the id_token issuer). */
  readonly issuer: string;
  /** The app's client id. */
  readonly clientId: string;
  /** The app's client secret, if any (never logged). */
  readonly clientSecret: string | undefined;
  /** Per-call timeout in ms. */
  readonly timeoutMs: number;
  /** The openid-client configuration. */
  readonly oidc: oidc.Configuration;
  /** Custom fetch used for SuperID, the State API and the system-user exchange. */
  readonly fetch: SuperOfficeFetch;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Validates the options and reads SuperID's discovery document from `{auth host}/login/.well-known/openid-configuration`
 * (superoffice.md §3). The auth hosts are for authentication only; data lives on tenant hosts (§1).
 *
 * @throws `SuperOfficeConfigError` for bad options, `SuperOfficeError` when discovery fails.
 */
export async function discoverSuperOffice(
  options: SuperOfficeAuthOptions,
  settings: { fetch?: SuperOfficeFetch } = {},
): Promise<SuperOfficeAuth> {
  const issuer = resolveIssuer(options);
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    throw new SuperOfficeConfigError([
      { path: 'clientId', message: 'is required (the application id from the SuperOffice developer portal)' },
    ]);
  }
  const fetchImpl = settings.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const insecure = new URL(issuer).protocol === 'http:';
  const clientAuth = options.clientSecret ? oidc.ClientSecretPost(options.clientSecret) : oidc.None();
  try {
    const config = await oidc.discovery(
      new URL(`${issuer}/login/.well-known/openid-configuration`),
      options.clientId,
      options.clientSecret,
      clientAuth,
      {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: Math.ceil(timeoutMs / 1000),
        [oidc.customFetch]: (url, init) => fetchImpl(url, init as RequestInit),
      },
    );
    // Verify id_token signatures against SuperID's JWKS (openid-client trusts TLS by default).
    oidc.enableNonRepudiationChecks(config);
    return {
      issuer,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      timeoutMs,
      oidc: config,
      fetch: fetchImpl,
    };
  } catch (error) {
    throw toSuperOfficeAuthError(error, {
      clientId: options.clientId,
      request: `GET ${issuer}/login/.well-known/openid-configuration`,
    });
  }
}

function resolveIssuer(options: SuperOfficeAuthOptions): string {
  const environment = options.environment ?? 'online';
  const named = (SUPEROFFICE_ENVIRONMENTS as Record<string, string>)[environment];
  const value = named ?? environment;
  if (!URL.canParse(value)) {
    throw new SuperOfficeConfigError([
      {
        path: 'environment',
        message: `must be one of ${Object.keys(SUPEROFFICE_ENVIRONMENTS).join(', ')} or an absolute issuer URL`,
      },
    ]);
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new SuperOfficeConfigError([
      {
        path: 'environment',
        message: 'must use https (plain http is allowed only on loopback, e.g. the sandbox)',
      },
    ]);
  }
  return value.replace(/\/+$/, '');
}

/** Maps openid-client failures to a classified {@link SuperOfficeError}. */
export function toSuperOfficeAuthError(
  error: unknown,
  context: {
    clientId?: string | undefined;
    tenant?: string | undefined;
    user?: string | undefined;
    request: string;
  },
): SuperOfficeError {
  if (error instanceof SuperOfficeError || error instanceof SuperOfficeConfigError)
    return error as SuperOfficeError;
  if (error instanceof oidc.ResponseBodyError) {
    return classifySuperOfficeError(
      { status: error.status, body: { error: error.error, error_description: error.error_description } },
      context,
    );
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return classifySuperOfficeError(
      { status: 400, body: { error: error.error, error_description: error.error_description } },
      context,
    );
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    return classifySuperOfficeError(
      { status: error.status, body: { error: error.cause[0]?.parameters.error ?? 'invalid_client' } },
      context,
    );
  }
  if (error instanceof oidc.ClientError && error.cause instanceof Response) {
    return classifySuperOfficeError({ status: error.cause.status, headers: error.cause.headers }, context);
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message))
    return classifySuperOfficeNetworkError(error, context);
  return new SuperOfficeError({
    kind: 'protocol',
    status: 0,
    retryable: false,
    message: `${context.request}: SuperID's answer did not pass validation (${(error as Error).message})`,
    remedy: 'Sign in again; if it keeps failing, check the environment (issuer) and the system clock.',
    tenant: context.tenant,
    request: context.request,
    cause: error,
  });
}
