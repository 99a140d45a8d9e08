import { createSign } from 'node:crypto';
import { Browser, type Sandbox, signInToVisma, startSandbox, VISMA_SEED } from '@databridge/sandbox';
import { expect } from 'vitest';
import {
  type CreateVismaClientOptions,
  completeAuthorization,
  createAuthorizationRequest,
  createVismaClient,
  discoverVismaAuth,
  type VismaAuth,
  type VismaClient,
  type VismaConnection,
  VismaError,
} from '../../src/index.js';

export const NORDLYS = VISMA_SEED.companies[0];
export const NORDLYS_EIENDOM = VISMA_SEED.companies[1];
export const KYSTFISK = VISMA_SEED.companies[2];
export const [ADA, BEN, EVE] = VISMA_SEED.users;
export const [WEB_APP, ROTATING_APP, SERVICE_APP] = VISMA_SEED.apps;
export const REDIRECT_URI = 'http://127.0.0.1/callback';

/** Counts requests per method and path (`POST /connect/token`, `GET /v1/customer` …) through a custom fetch. */
export class RequestCounter {
  readonly counts = new Map<string, number>();
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return fetch(request);
  };
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  total(prefix = ''): number {
    return [...this.counts].filter(([key]) => key.includes(prefix)).reduce((sum, [, n]) => sum + n, 0);
  }
}

/** One sandbox for a test file; reset it before each test. */
export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({ vismaApi: { customers: 40 } });
}

/** Signs in through the Visma Connect lookalike as a person would, and returns the company-bound connection. */
export async function connectInteractive(
  sandbox: Sandbox,
  who: { email: string; password: string; tenantId?: string },
  app: { clientId: string; clientSecret?: string } = WEB_APP,
  counter?: RequestCounter,
): Promise<{ auth: VismaAuth; connection: VismaConnection }> {
  const auth = await discoverVismaAuth(
    {
      clientId: app.clientId,
      ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}),
      issuer: sandbox.visma.issuer,
    },
    counter ? { fetch: counter.fetch } : {},
  );
  const request = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
  const callback = await signInToVisma(new Browser(sandbox.visma.issuer), request.url, who);
  return { auth, connection: await completeAuthorization(auth, request, callback) };
}

/** A client against the sandbox API with fast retries. */
export function sandboxClient(
  sandbox: Sandbox,
  auth: VismaAuth,
  connection: VismaConnection,
  extra: Partial<CreateVismaClientOptions> = {},
): VismaClient {
  return createVismaClient({
    auth,
    connection,
    apiBaseUrl: sandbox.visma.apiBaseUrl,
    retry: { minDelayMs: 20, maxDelayMs: 200 },
    ...extra,
  });
}

/**
 * A "legacy-style" token: signed by the sandbox's Visma Connect key, valid, but user-scoped with no `tenant_id`
 * (how VNI tokens worked before Visma Connect bound tokens to one company).
 */
export function legacyStyleToken(sandbox: Sandbox, sub: string, clientId: string): string {
  const { keys } = sandbox.visma.world;
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'at+jwt', kid: keys.kid };
  const payload = {
    iss: sandbox.visma.issuer,
    sub,
    client_id: clientId,
    aud: 'https://api.finance.visma.net/erp/service',
    scope: 'vismanet_erp_interactive_api:read',
    iat: now,
    exp: now + 3600,
    jti: `legacy-${now}`,
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(keys.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

/** Awaits a promise that must reject with a VismaError, and returns the error for assertions. */
export async function rejection(promise: Promise<unknown>): Promise<VismaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VismaError);
  return error as VismaError;
}
