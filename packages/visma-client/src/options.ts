import { z } from 'zod';
import { VismaConfigError, type VismaConfigIssue } from './errors/visma-config-error.js';

/** Visma Connect, the identity provider in front of Visma.net (visma-net.md §2.1). */
export const DEFAULT_VISMA_ISSUER = 'https://connect.visma.com';
/** The current Visma.net Financials API base (visma-net.md §1: the legacy host is throttled since 1 Feb 2026). */
export const DEFAULT_VISMA_API_BASE_URL = 'https://api.finance.visma.net/v1';
/** The legacy VNI host: still answers, but throttled to a few hundred calls per hour and being shut down. */
export const LEGACY_VISMA_API_HOST = 'integration.visma.net';

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https everywhere, plain http only on loopback (the sandbox, tests). */
const secureUrl = (what: string) =>
  z.url({ message: `${what} must be an absolute URL` }).refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, `${what} must use https (plain http is allowed only on loopback, e.g. the sandbox)`);

const clientId = z
  .string({ message: 'is required (the client id from the Visma Developer Portal, e.g. isv_acme)' })
  .trim()
  .min(1, 'must not be empty');
const clientSecret = z.string().min(1, 'must not be empty when given').optional();
const issuer = secureUrl('issuer').default(DEFAULT_VISMA_ISSUER);
const timeoutMs = z
  .number()
  .int()
  .positive()
  .max(600_000, 'must be at most 600000 (10 minutes)')
  .default(30_000);

const authSchema = z.strictObject({ clientId, clientSecret, issuer, timeoutMs });

const optionsSchema = z.strictObject({
  clientId,
  clientSecret,
  companyId: z
    .string({ message: 'is required (the Company tenant id from Visma.net Admin)' })
    .regex(
      TENANT_ID,
      'must be a tenant id GUID such as 5f0c3a8e-1b2c-4d5e-8f90-123456789abc (the Company tenant id, not the Customer one)',
    ),
  issuer,
  apiBaseUrl: secureUrl('apiBaseUrl').default(DEFAULT_VISMA_API_BASE_URL),
  userAgent: z.string().trim().min(1, 'must not be empty when given').optional(),
  timeoutMs,
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(16, 'must be at most 16: the hourly budget is shared per company')
    .default(4),
});

/** Options accepted by the Visma client. Only `clientId` and `companyId` are required. */
export interface VismaClientOptions {
  /** Client id registered in the Visma Developer Portal (conventionally `isv_<name>`). */
  clientId: string;
  /** Client secret, for confidential web apps and the Service API. Never logged. */
  clientSecret?: string;
  /** The Company tenant id (a GUID) this client is bound to. One client = one company. */
  companyId: string;
  /** OIDC issuer; defaults to {@link DEFAULT_VISMA_ISSUER}. Override for staging or the sandbox. */
  issuer?: string;
  /** API base URL including the version segment; defaults to {@link DEFAULT_VISMA_API_BASE_URL}. */
  apiBaseUrl?: string;
  /** Names your integration in the User-Agent header, as Visma asks integrators to do. */
  userAgent?: string;
  /** Per-request timeout in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Maximum requests in flight for this company (default 4). */
  concurrency?: number;
}

/** {@link VismaClientOptions} after validation, with every default filled in. */
export interface ResolvedVismaClientOptions {
  /** Client id, trimmed. */
  readonly clientId: string;
  /** Client secret; `undefined` for public apps. Never logged. */
  readonly clientSecret: string | undefined;
  /** The Company tenant id, lower-cased: compare against the token's `tenant_id` as is. */
  readonly companyId: string;
  /** OIDC issuer without trailing slash (default `https://connect.visma.com`). */
  readonly issuer: string;
  /** API base URL without trailing slash (default `https://api.finance.visma.net/v1`). */
  readonly apiBaseUrl: string;
  /** Integration name for the User-Agent header; `undefined` sends only `databridge-visma-client`. */
  readonly userAgent: string | undefined;
  /** Per-request timeout in milliseconds (default 30000). */
  readonly timeoutMs: number;
  /** Maximum requests in flight for this company, 1–16 (default 4). */
  readonly concurrency: number;
  /** Human warnings about a valid but doubtful configuration, such as the throttled legacy host. */
  readonly warnings: readonly string[];
}

/**
 * Validates client options and fills in defaults.
 *
 * @throws {@link VismaConfigError} naming every invalid option; nothing is sent before this passes.
 */
export function resolveVismaClientOptions(options: VismaClientOptions): ResolvedVismaClientOptions {
  const value = parseOrThrow(optionsSchema, options);
  const warnings: string[] = [];
  if (new URL(value.apiBaseUrl).hostname === LEGACY_VISMA_API_HOST) {
    warnings.push(
      `apiBaseUrl points at the legacy host ${LEGACY_VISMA_API_HOST}, which is throttled and being shut down; use ${DEFAULT_VISMA_API_BASE_URL}`,
    );
  }
  return {
    clientId: value.clientId,
    clientSecret: value.clientSecret,
    companyId: value.companyId.toLowerCase(),
    issuer: value.issuer.replace(/\/+$/, ''),
    apiBaseUrl: value.apiBaseUrl.replace(/\/+$/, ''),
    userAgent: value.userAgent,
    timeoutMs: value.timeoutMs,
    concurrency: value.concurrency,
    warnings,
  };
}

/** Options for Visma Connect sign-in, before a company is known (the user picks it at sign-in). */
export interface VismaAuthOptions {
  /** Client id registered in the Visma Developer Portal. */
  clientId: string;
  /** Client secret of a confidential web app or a service app. Never logged. */
  clientSecret?: string;
  /** OIDC issuer; defaults to {@link DEFAULT_VISMA_ISSUER}. */
  issuer?: string;
  /** Timeout of each call to Visma Connect in milliseconds (default 30000). */
  timeoutMs?: number;
}

/** {@link VismaAuthOptions} after validation. */
export interface ResolvedVismaAuthOptions {
  /** Client id, trimmed. */
  readonly clientId: string;
  /** Client secret; `undefined` for public (PKCE-only) apps. Never logged. */
  readonly clientSecret: string | undefined;
  /** OIDC issuer without trailing slash (default `https://connect.visma.com`). */
  readonly issuer: string;
  /** Timeout of each call to Visma Connect in milliseconds (default 30000). */
  readonly timeoutMs: number;
}

/**
 * Validates sign-in options.
 *
 * @throws {@link VismaConfigError} naming every invalid option.
 */
export function resolveVismaAuthOptions(options: VismaAuthOptions): ResolvedVismaAuthOptions {
  const value = parseOrThrow(authSchema, options);
  return {
    clientId: value.clientId,
    clientSecret: value.clientSecret,
    issuer: value.issuer.replace(/\/+$/, ''),
    timeoutMs: value.timeoutMs,
  };
}

/** A Company tenant id is a GUID; compare and store it lower-case. */
export function isTenantId(value: string): boolean {
  return TENANT_ID.test(value);
}

function parseOrThrow<T extends z.ZodType>(schema: T, options: unknown): z.output<T> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issues: VismaConfigIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message:
      issue.code === 'unrecognized_keys' ? `unknown option(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new VismaConfigError(issues);
}
