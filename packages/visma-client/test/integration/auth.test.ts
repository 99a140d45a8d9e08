import { Browser, type Sandbox, signInToVisma } from '@databridge/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  completeAuthorization,
  connectService,
  createAuthorizationRequest,
  discoverVismaAuth,
  isVismaError,
  MemoryTokenStore,
  type VismaConnection,
} from '../../src/index.js';
import {
  ADA,
  BEN,
  connectInteractive,
  EVE,
  KYSTFISK,
  NORDLYS,
  NORDLYS_EIENDOM,
  REDIRECT_URI,
  RequestCounter,
  ROTATING_APP,
  rejection,
  SERVICE_APP,
  sandboxClient,
  startTestSandbox,
  WEB_APP,
} from './sandbox-fixture.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const authOptions = (app: { clientId: string; clientSecret: string }) => ({
  clientId: app.clientId,
  clientSecret: app.clientSecret,
  issuer: sandbox.visma.issuer,
});

describe('interactive sign-in (authorization code + PKCE) over HTTP', () => {
  it('lets a user with API User on two companies pick one, and binds the connection to it', async () => {
    const { connection } = await connectInteractive(sandbox, { ...ADA, tenantId: NORDLYS_EIENDOM.tenantId });
    expect(connection).toMatchObject({
      kind: 'interactive',
      clientId: WEB_APP.clientId,
      companyId: NORDLYS_EIENDOM.tenantId,
      user: { sub: ADA.sub, email: ADA.email, name: ADA.name },
    });
    expect(connection.tokens.refreshToken).toEqual(expect.any(String));
    expect(connection.tokens.scopes).toContain('vismanet_erp_interactive_api:read');
    expect(connection.tokens.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('picks the only company without asking', async () => {
    const { connection } = await connectInteractive(sandbox, BEN);
    expect(connection.companyId).toBe(NORDLYS.tenantId);
  });

  it('a user without API User anywhere cannot connect: permission, naming the role', async () => {
    const error = await rejection(connectInteractive(sandbox, EVE));
    expect(error.kind).toBe('permission');
    expect(error.remedy).toContain("'API User' role");
  });

  it('refuses a connection to another company than expected', async () => {
    const auth = await discoverVismaAuth(authOptions(WEB_APP));
    const request = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
    const callback = await signInToVisma(new Browser(sandbox.visma.issuer), request.url, {
      ...ADA,
      tenantId: NORDLYS_EIENDOM.tenantId,
    });
    const error = await rejection(
      completeAuthorization(auth, request, callback, { expectedCompanyId: NORDLYS.tenantId }),
    );
    expect(error.kind).toBe('tenant');
    expect(error.remedy).toContain(`pick company ${NORDLYS.tenantId}`);
  });

  it('reproduces "still signed in as another user" without a forced login, and avoids it with one', async () => {
    const auth = await discoverVismaAuth(authOptions(WEB_APP));
    const browser = new Browser(sandbox.visma.issuer); // one browser, one session cookie
    const first = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
    await completeAuthorization(auth, first, await signInToVisma(browser, first.url, BEN));

    // Without a forced login, Visma Connect reuses Ben's session although Ada meant to sign in.
    const lax = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI, forceLogin: false });
    const reused = await completeAuthorization(
      auth,
      lax,
      await signInToVisma(browser, lax.url, { ...ADA, tenantId: NORDLYS.tenantId }),
    );
    expect(reused.user?.email).toBe(BEN.email);

    // The default forced login (prompt=login consent, max_age=0) asks again, so Ada is who connects.
    const forced = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
    expect(new URL(forced.url).searchParams.get('prompt')).toBe('login consent');
    expect(new URL(forced.url).searchParams.get('max_age')).toBe('0');
    const fresh = await completeAuthorization(
      auth,
      forced,
      await signInToVisma(browser, forced.url, { ...ADA, tenantId: NORDLYS.tenantId }),
    );
    expect(fresh.user?.email).toBe(ADA.email);
  });

  it('rejects a callback whose auth_time predates the forced-login request (an IdP that ignored prompt=login)', async () => {
    const auth = await discoverVismaAuth(authOptions(WEB_APP));
    const request = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
    const callback = await signInToVisma(new Browser(sandbox.visma.issuer), request.url, BEN);
    const error = await rejection(
      completeAuthorization(auth, { ...request, requestedAt: request.requestedAt + 3600 }, callback),
    );
    expect(error.kind).toBe('reauth_required');
    expect(error.message).toContain('reused an earlier sign-in');
  });

  it('rejects a callback with a wrong state', async () => {
    const auth = await discoverVismaAuth(authOptions(WEB_APP));
    const request = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
    const callback = await signInToVisma(new Browser(sandbox.visma.issuer), request.url, BEN);
    callback.searchParams.set('state', 'forged');
    expect((await rejection(completeAuthorization(auth, request, callback))).kind).toBe('protocol');
  });
});

describe('service sign-in (client credentials with tenant_id)', () => {
  it('gets a company-bound token for an approved company and reads with it', async () => {
    const auth = await discoverVismaAuth(authOptions(SERVICE_APP));
    const connection = await connectService(auth, { companyId: NORDLYS.tenantId, scopes: ['read'] });
    expect(connection).toMatchObject({ kind: 'service', companyId: NORDLYS.tenantId });
    expect(connection.tokens.refreshToken).toBeUndefined();
    const client = sandboxClient(sandbox, auth, connection);
    expect((await client.customerClasses.list().toArray({ limit: 100 })).length).toBeGreaterThan(0);
  });

  it('an app not approved for the company → permission, pointing at the App Store', async () => {
    const auth = await discoverVismaAuth(authOptions(SERVICE_APP));
    const error = await rejection(connectService(auth, { companyId: KYSTFISK.tenantId }));
    expect(error.kind).toBe('permission');
    expect(error.faultCode).toBe('invalid_tenant');
    expect(error.remedy).toContain('Visma App Store');
  });

  it('the Customer tenant id yields a token but every call fails: tenant, naming the trap', async () => {
    const auth = await discoverVismaAuth(authOptions(SERVICE_APP));
    const connection = await connectService(auth, { companyId: NORDLYS.customerTenantId });
    const client = sandboxClient(sandbox, auth, connection);
    const error = await rejection(client.customers.get('10001'));
    expect(error.kind).toBe('tenant');
    expect(error.remedy).toContain('Customer tenant id instead of the Company tenant id');
  });

  it('a wrong client secret → reauth_required pointing at the Developer Portal', async () => {
    const auth = await discoverVismaAuth({
      clientId: SERVICE_APP.clientId,
      clientSecret: 'wrong',
      issuer: sandbox.visma.issuer,
    });
    const error = await rejection(connectService(auth, { companyId: NORDLYS.tenantId }));
    expect(error.kind).toBe('reauth_required');
    expect(error.remedy).toContain('Developer Portal');
    expect(JSON.stringify(error.toJSON())).not.toContain('wrong');
  });
});

describe('token refresh', () => {
  const expired = (connection: VismaConnection): VismaConnection => ({
    ...connection,
    tokens: { ...connection.tokens, expiresAt: Date.now() - 1_000 },
  });

  for (const app of [WEB_APP, ROTATING_APP]) {
    it(`is single-flight in ${app.refreshTokenMode} mode: 100 concurrent calls, 1 token request, 0 invalid_grant`, async () => {
      const counter = new RequestCounter();
      const { auth, connection } = await connectInteractive(sandbox, BEN, app, counter);
      const tokenRequestsAtSignIn = counter.count('POST /connect/token');
      const client = sandboxClient(sandbox, auth, expired(connection));
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, () => client.request({ method: 'GET', path: '/customer/customerClass' })),
      );
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(counter.count('POST /connect/token') - tokenRequestsAtSignIn).toBe(1);
      expect(client.connection.tokens.accessToken).not.toBe(connection.tokens.accessToken);
      if (app.refreshTokenMode === 'one_time') {
        expect(client.connection.tokens.refreshToken).not.toBe(connection.tokens.refreshToken);
      } else {
        expect(client.connection.tokens.refreshToken).toBe(connection.tokens.refreshToken);
      }
    });
  }

  it('saves the refreshed tokens with compare-and-swap and tells the caller', async () => {
    const { auth, connection } = await connectInteractive(sandbox, BEN, ROTATING_APP);
    const store = new MemoryTokenStore();
    store.set('ben', expired(connection));
    const seen: VismaConnection[] = [];
    const client = sandboxClient(sandbox, auth, expired(connection), {
      tokenStore: store,
      tokenStoreKey: 'ben',
      onTokens: (next) => seen.push(next),
    });
    await client.request({ method: 'GET', path: '/customer/customerClass' });
    const stored = await store.load('ben');
    expect(stored?.version).toBe(2);
    expect(stored?.connection.tokens.refreshToken).toBe(client.connection.tokens.refreshToken);
    expect(seen).toHaveLength(1);
  });

  it('two processes sharing a store with one-time refresh tokens: both keep working, no invalid_grant', async () => {
    const { auth, connection } = await connectInteractive(sandbox, BEN, ROTATING_APP);
    const store = new MemoryTokenStore();
    store.set('ben', expired(connection));
    const first = sandboxClient(sandbox, auth, expired(connection), {
      tokenStore: store,
      tokenStoreKey: 'ben',
    });
    const second = sandboxClient(sandbox, auth, expired(connection), {
      tokenStore: store,
      tokenStoreKey: 'ben',
    });
    const call = { method: 'GET', path: '/customer/customerClass' } as const;
    await Promise.all([first.request(call), second.request(call)]);
    const stored = await store.load('ben');
    expect([first.connection.tokens.refreshToken, second.connection.tokens.refreshToken]).toContain(
      stored?.connection.tokens.refreshToken,
    );
    await Promise.all([first.request(call), second.request(call)]);
  });

  it('a revoked grant stops the next call with reauth_required and a reconnect remedy', async () => {
    const { auth, connection } = await connectInteractive(sandbox, BEN);
    const client = sandboxClient(sandbox, auth, connection, { companyName: NORDLYS.name });
    await client.request({ method: 'GET', path: '/customer/customerClass' });
    sandbox.visma.world.revokeGrants(WEB_APP.clientId, BEN.sub);
    const error = await rejection(client.request({ method: 'GET', path: '/customer/customerClass' }));
    expect(isVismaError(error, 'reauth_required')).toBe(true);
    expect(error.remedy).toContain('reconnect');
    expect(error.remedy).toContain(`company ${NORDLYS.name} (${NORDLYS.tenantId})`);
    // Reconnecting (a fresh login) repairs it.
    const again = await connectInteractive(sandbox, BEN);
    const repaired = sandboxClient(sandbox, again.auth, again.connection);
    await expect(repaired.request({ method: 'GET', path: '/customer/customerClass' })).resolves.toMatchObject(
      {
        status: 200,
      },
    );
  });
});
