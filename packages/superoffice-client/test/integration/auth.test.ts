import type { Sandbox } from '@databridge/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  connectSystemUser,
  createSuperOfficeAuthorizationRequest,
  discoverSuperOffice,
  SuperOfficeConfigError,
  type SuperOfficeUserConnection,
} from '../../src/index.js';
import {
  APP,
  connectUser,
  NORDLYS,
  OLA,
  REDIRECT_URI,
  RequestCounter,
  rejection,
  resignJwt,
  SIRI,
  sandboxAuth,
  sandboxClient,
  startTestSandbox,
  strangerKey,
} from './sandbox-fixture.js';

let sandbox: Sandbox;
const ctx = NORDLYS?.ctx ?? '';
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('interactive sign-in (OIDC code flow) over HTTP', () => {
  it('sends PKCE S256 explicitly and turns the id_token claims into a typed connection', async () => {
    const auth = await sandboxAuth(sandbox);
    const request = await createSuperOfficeAuthorizationRequest(auth, {
      redirectUri: REDIRECT_URI,
      tenant: ctx,
    });
    const url = new URL(request.url);
    expect(url.pathname).toBe('/login/common/oauth/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('openid');
    expect(url.searchParams.get('acr_values')).toBe(`tenant:${ctx}`);

    const connection = await connectUser(sandbox, auth);
    expect(connection).toMatchObject({
      kind: 'user',
      tenant: ctx,
      tenantName: NORDLYS?.name,
      webApiUrl: sandbox.superOffice.api.tenantApiUrl(ctx),
      user: { email: SIRI?.email, associateId: SIRI?.associateId, isAdministrator: true },
    });
    expect(connection.tokens.accessToken).toMatch(new RegExp(`^8A:${ctx}\\.`));
    expect(connection.systemToken).toBe(
      sandbox.superOffice.world.apps.get(APP?.clientId ?? '')?.consents.get(ctx)?.systemToken,
    );
    const client = sandboxClient({ auth, connection });
    expect((await client.request({ method: 'GET', path: '/v1/User/currentPrincipal' })).status).toBe(200);
  });

  it('a normal user cannot approve the app on a new tenant: permission', async () => {
    sandbox.superOffice.world.revokeConsent(APP?.clientId ?? '', ctx);
    const auth = await sandboxAuth(sandbox);
    const error = await rejection(connectUser(sandbox, auth, { ...OLA, tenant: ctx }));
    expect(error.kind).toBe('permission');
    expect(error.remedy).toContain('administrator');
  });

  for (const [what, change, key] of [
    [
      'a wrong issuer',
      (claims: Record<string, unknown>) => Object.assign(claims, { iss: 'https://evil.example' }),
      'sandbox',
    ],
    [
      'a wrong audience',
      (claims: Record<string, unknown>) => Object.assign(claims, { aud: 'someone-else' }),
      'sandbox',
    ],
    ['a bad signature', () => {}, 'stranger'],
  ] as const) {
    it(`rejects an id_token with ${what}`, async () => {
      const counter = new RequestCounter();
      const auth = await sandboxAuth(sandbox, counter);
      counter.rewrite = async (request, response) => {
        if (!new URL(request.url).pathname.endsWith('/oauth/tokens')) return response;
        const body = (await response.json()) as { id_token: string };
        const signingKey = key === 'sandbox' ? sandbox.superOffice.world.signingKey.privateKey : strangerKey;
        body.id_token = resignJwt(body.id_token, change, signingKey);
        return Response.json(body, { status: response.status });
      };
      const error = await rejection(connectUser(sandbox, auth));
      expect(error.kind).toBe('protocol');
    });
  }
});

describe('refresh', () => {
  const expired = (connection: SuperOfficeUserConnection): SuperOfficeUserConnection => ({
    ...connection,
    tokens: { ...connection.tokens, expiresAt: Date.now() - 1000 },
  });

  it('refreshes ahead of expiry once for many callers, keeping the non-rotating refresh token', async () => {
    const counter = new RequestCounter();
    const auth = await sandboxAuth(sandbox, counter);
    const connection = await connectUser(sandbox, auth);
    const before = counter.count('/oauth/tokens');
    const client = sandboxClient({ auth, connection: expired(connection) });
    await Promise.all(
      Array.from({ length: 20 }, () => client.request({ method: 'GET', path: '/v1/User/currentPrincipal' })),
    );
    expect(counter.count('/oauth/tokens') - before).toBe(1);
    const renewed = client.connection as SuperOfficeUserConnection;
    expect(renewed.tokens.accessToken).not.toBe(connection.tokens.accessToken);
    expect(renewed.tokens.refreshToken).toBe(connection.tokens.refreshToken);
  });

  it('an uninstalled app (consent revoked) → reauth_required with a reconnect remedy', async () => {
    const auth = await sandboxAuth(sandbox);
    const client = sandboxClient({ auth, connection: await connectUser(sandbox, auth) });
    sandbox.superOffice.world.revokeConsent(APP?.clientId ?? '', ctx);
    const error = await rejection(client.request({ method: 'GET', path: '/v1/User/currentPrincipal' }));
    expect(error.kind).toBe('reauth_required');
    expect(error.remedy).toContain('reconnect');
  });
});

describe('system user', () => {
  const systemToken = () =>
    sandbox.superOffice.world.apps.get(APP?.clientId ?? '')?.consents.get(ctx)?.systemToken ?? '';
  const privateKey = () =>
    sandbox.superOffice.world.apps.get(APP?.clientId ?? '')?.systemUserPrivateKeyPem ?? '';

  it('exchanges a signed system token once and reuses the ticket for every call', async () => {
    const counter = new RequestCounter();
    const auth = await sandboxAuth(sandbox, counter);
    const connection = await connectSystemUser(auth, {
      tenant: ctx,
      systemToken: systemToken(),
      privateKey: privateKey(),
    });
    expect(connection.ticket).toMatch(/^7T:/);
    const client = sandboxClient({ auth, connection, fetch: counter.fetch });
    for (let call = 0; call < 10; call++)
      await client.request({ method: 'GET', path: '/v1/User/currentPrincipal' });
    expect(counter.count('PartnerSystemUser/Authenticate')).toBe(1);
    expect(counter.count('/v1/User/currentPrincipal')).toBe(10);
  });

  it('a wrong key or a revoked consent → reauth_required', async () => {
    const auth = await sandboxAuth(sandbox);
    const stranger = strangerKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const error = await rejection(
      connectSystemUser(auth, { tenant: ctx, systemToken: systemToken(), privateKey: stranger }),
    );
    expect(error.kind).toBe('reauth_required');
    expect(error.remedy).toContain('private key');
  });
});

describe('tenant routing', () => {
  it('re-resolves through the State API after a 421 when the tenant moved, and the call succeeds', async () => {
    const counter = new RequestCounter();
    const auth = await sandboxAuth(sandbox, counter);
    const client = sandboxClient({
      auth,
      connection: await connectUser(sandbox, auth),
      fetch: counter.fetch,
    });
    await client.request({ method: 'GET', path: '/v1/User/currentPrincipal' });
    sandbox.superOffice.world.moveTenant(ctx);
    await expect(client.request({ method: 'GET', path: '/v1/User/currentPrincipal' })).resolves.toMatchObject(
      { status: 200 },
    );
    expect(counter.count(`/api/state/${ctx}`)).toBe(1);
  });

  it('a suspended tenant → tenant kind with a remedy naming the state', async () => {
    const auth = await sandboxAuth(sandbox);
    const client = sandboxClient({ auth, connection: await connectUser(sandbox, auth) });
    sandbox.superOffice.world.setTenantState(ctx, 'Suspended');
    sandbox.superOffice.world.moveTenant(ctx); // the cached host answers 421, the State API says Suspended
    const error = await rejection(client.request({ method: 'GET', path: '/v1/User/currentPrincipal' }));
    expect(error.kind).toBe('tenant');
    expect(error.remedy).toContain('suspended');
  });

  it('a tenant stopped on its own host → tenant kind at once, without retrying', async () => {
    const counter = new RequestCounter();
    const auth = await sandboxAuth(sandbox);
    const client = sandboxClient({
      auth,
      connection: await connectUser(sandbox, auth),
      fetch: counter.fetch,
    });
    sandbox.superOffice.world.setTenantState(ctx, 'OfflineMaintenance');
    const error = await rejection(client.request({ method: 'GET', path: '/v1/User/currentPrincipal' }));
    expect(error).toMatchObject({
      kind: 'tenant',
      retryable: false,
      faultCode: 'SoTenantNotRunningException',
    });
    expect(counter.count('/v1/User/currentPrincipal')).toBe(1);
  });
});

describe('bad options fail before any request', () => {
  it('names a non-https environment and a missing client id', async () => {
    await expect(
      discoverSuperOffice({ environment: 'http://so.example.com', clientId: 'x' }),
    ).rejects.toThrow(SuperOfficeConfigError);
    await expect(discoverSuperOffice({ environment: 'sod' } as never)).rejects.toThrow(
      /clientId: is required/,
    );
    await expect(discoverSuperOffice({ environment: 'prod', clientId: 'x' })).rejects.toThrow(
      /environment: must be one of/,
    );
  });
});
