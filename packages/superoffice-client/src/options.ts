import { z } from 'zod';
import { SUPEROFFICE_ENVIRONMENTS, type SuperOfficeEnvironment } from './environments.js';
import { SuperOfficeConfigError } from './errors/superoffice-config-error.js';

const TENANT = /^Cust\d+$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const authHost = z
  .string()
  .refine(
    (value) => value in SUPEROFFICE_ENVIRONMENTS || URL.canParse(value),
    `must be one of ${Object.keys(SUPEROFFICE_ENVIRONMENTS).join(', ')} or an absolute issuer URL`,
  )
  .refine((value) => {
    if (value in SUPEROFFICE_ENVIRONMENTS || !URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'must use https (plain http is allowed only on loopback, e.g. the sandbox)');

const optionsSchema = z.strictObject({
  environment: authHost.default('online'),
  clientId: z
    .string({ message: 'is required (the application id from the SuperOffice developer portal)' })
    .trim()
    .min(1, 'must not be empty'),
  clientSecret: z.string().min(1, 'must not be empty when given').optional(),
  tenant: z
    .string({ message: 'is required (the tenant context identifier, e.g. Cust12345)' })
    .regex(TENANT, 'must be a context identifier such as Cust12345'),
  userAgent: z.string().trim().min(1, 'must not be empty when given').optional(),
  timeoutMs: z.number().int().positive().max(600_000, 'must be at most 600000 (10 minutes)').default(30_000),
  requestsPerSecond: z.number().positive().max(100).default(10),
});

/** Options accepted by the SuperOffice client. Only `clientId` and `tenant` are required. */
export interface SuperOfficeClientOptions {
  /** `sod`, `qaonline` or `online` (default), or the issuer URL of another SuperID, such as the sandbox. */
  environment?: SuperOfficeEnvironment | (string & {});
  /** Application (client) id, registered once per environment. */
  clientId: string;
  /** Client secret; also sent as `SO-AppToken` with system-user tickets. Never logged. */
  clientSecret?: string;
  /** The tenant context identifier this client is bound to, e.g. `Cust12345`. */
  tenant: string;
  /** Names your integration in the User-Agent header. */
  userAgent?: string;
  /** Per-request timeout in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Client-side throttle per tenant; SuperOffice's guidance is 10 requests per second (the default). */
  requestsPerSecond?: number;
}

/** {@link SuperOfficeClientOptions} after validation, with defaults and the issuer URL resolved. */
export interface ResolvedSuperOfficeClientOptions {
  /** The named environment, or `'custom'` when an issuer URL was given (default `'online'`). */
  readonly environment: SuperOfficeEnvironment | 'custom';
  /** The OIDC issuer / authentication host, without a trailing slash. */
  readonly issuer: string;
  /** Application (client) id, trimmed. */
  readonly clientId: string;
  /** Client secret; `undefined` when not given. */
  readonly clientSecret: string | undefined;
  /** Tenant context identifier, validated as `Cust` followed by digits. */
  readonly tenant: string;
  /** Integration name for the User-Agent header, trimmed; `undefined` when not given. */
  readonly userAgent: string | undefined;
  /** Per-request timeout in milliseconds: a positive integer, at most 600000 (default 30000). */
  readonly timeoutMs: number;
  /** Client-side request rate per tenant: positive, at most 100 (default 10). */
  readonly requestsPerSecond: number;
}

/**
 * Validates client options and resolves the environment to its authentication host.
 *
 * @throws {@link SuperOfficeConfigError} naming every invalid option; nothing is sent before this passes.
 */
export function resolveSuperOfficeClientOptions(
  options: SuperOfficeClientOptions,
): ResolvedSuperOfficeClientOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new SuperOfficeConfigError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message:
          issue.code === 'unrecognized_keys' ? `unknown option(s): ${issue.keys.join(', ')}` : issue.message,
      })),
    );
  }
  const { environment, ...rest } = parsed.data;
  const named = environment in SUPEROFFICE_ENVIRONMENTS ? (environment as SuperOfficeEnvironment) : undefined;
  return {
    ...rest,
    clientSecret: rest.clientSecret,
    userAgent: rest.userAgent,
    environment: named ?? 'custom',
    issuer: (named ? SUPEROFFICE_ENVIRONMENTS[named] : environment).replace(/\/+$/, ''),
  };
}
