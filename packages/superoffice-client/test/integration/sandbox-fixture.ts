import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  Browser,
  type Sandbox,
  SUPEROFFICE_SEED,
  signInToSuperOffice,
  startSandbox,
} from '@databridge/sandbox';
import { expect } from 'vitest';
import {
  type CreateSuperOfficeClientOptions,
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
  createSuperOfficeClient,
  discoverSuperOffice,
  type SuperOfficeAuth,
  type SuperOfficeClient,
  SuperOfficeError,
  type SuperOfficeFetch,
  type SuperOfficeUserConnection,
} from '../../src/index.js';

export const [NORDLYS, KYSTFISK] = SUPEROFFICE_SEED.tenants;
export const [SIRI, OLA] = SUPEROFFICE_SEED.users;
export const [APP] = SUPEROFFICE_SEED.apps;
export const REDIRECT_URI = 'http://127.0.0.1/callback';

/** Counts requests by `METHOD path` and can rewrite responses, as a proxy would. */
export class RequestCounter {
  readonly counts = new Map<string, number>();
  rewrite: ((request: Request, response: Response) => Promise<Response>) | undefined;
  readonly fetch: SuperOfficeFetch = async (input, init) => {
    const request = new Request(input, init);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const response = await fetch(request.clone());
    return this.rewrite ? this.rewrite(request, response) : response;
  };
  count(fragment: string): number {
    return [...this.counts].filter(([key]) => key.includes(fragment)).reduce((sum, [, n]) => sum + n, 0);
  }
}

/** One sandbox per test file; reset before each test. */
export function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({ superOfficeApi: { contacts: 30 }, superOfficeWebhookRetryDelaysMs: [20, 40] });
}

/** Discovers the sandbox SuperID with the seeded app. */
export function sandboxAuth(sandbox: Sandbox, counter?: RequestCounter): Promise<SuperOfficeAuth> {
  return discoverSuperOffice(
    { environment: sandbox.superOffice.issuer, clientId: APP.clientId, clientSecret: APP.clientSecret },
    counter ? { fetch: counter.fetch } : {},
  );
}

/** Signs in as a person would and returns the connection. */
export async function connectUser(
  sandbox: Sandbox,
  auth: SuperOfficeAuth,
  who: { email: string; password: string; tenant?: string } = { ...SIRI, tenant: NORDLYS?.ctx ?? '' },
): Promise<SuperOfficeUserConnection> {
  const request = await createSuperOfficeAuthorizationRequest(auth, {
    redirectUri: REDIRECT_URI,
    ...(who.tenant ? { tenant: who.tenant } : {}),
  });
  const callback = await signInToSuperOffice(new Browser(sandbox.superOffice.issuer), request.url, who);
  return completeSuperOfficeAuthorization(auth, request, callback);
}

/** A client with fast retries. */
export function sandboxClient(options: CreateSuperOfficeClientOptions): SuperOfficeClient {
  return createSuperOfficeClient({
    retry: { minDelayMs: 20, maxDelayMs: 200 },
    requestsPerSecond: 100,
    ...options,
  });
}

/** Re-signs a JWT after changing its payload, with the given key (the sandbox's, or a stranger's). */
export function resignJwt(
  jwt: string,
  change: (payload: Record<string, unknown>) => void,
  key: KeyObject,
): string {
  const [header = '', payload = ''] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

/** A key SuperID never published. */
export const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** Awaits a promise that must reject with a SuperOfficeError. */
export async function rejection(promise: Promise<unknown>): Promise<SuperOfficeError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SuperOfficeError);
  return error as SuperOfficeError;
}
