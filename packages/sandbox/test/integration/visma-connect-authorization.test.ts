import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Browser,
  callbackParams,
  interactionUid,
  pageHtml,
  pkcePair,
} from '../../src/browser/scripted-browser.js';
import {
  ADA,
  authorizeUrl,
  BEN,
  type ConnectFixture,
  claimsOf,
  connectUser,
  EVE,
  exchangeCode,
  FULL_SCOPE,
  headerOf,
  NORDLYS,
  NORDLYS_EIENDOM,
  nowSeconds,
  REDIRECT_URI,
  REUSE_APP,
  signIn,
  startFixture,
} from './visma-connect-fixture.js';

describe('Visma Connect lookalike: authorization code flow', () => {
  let fixture: ConnectFixture;
  let issuer: string;
  beforeAll(async () => {
    fixture = await startFixture();
    issuer = fixture.connect.issuer;
  });
  afterAll(() => fixture.connect.close());
  beforeEach(() => fixture.world.reset());

  it('serves discovery with the Visma Connect endpoints', async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/connect/authorize`,
      token_endpoint: `${issuer}/connect/token`,
      userinfo_endpoint: `${issuer}/connect/userinfo`,
      end_session_endpoint: `${issuer}/connect/endsession`,
      jwks_uri: `${issuer}/.well-known/openid-configuration/jwks`,
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'form_post'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.prompt_values_supported).toEqual(expect.arrayContaining(['login', 'consent']));
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email', 'tenants', 'offline_access']),
    );
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
    expect(discovery).not.toHaveProperty('pushed_authorization_request_endpoint');
    const jwks = (await (await fetch(`${issuer}/.well-known/openid-configuration/jwks`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: fixture.world.keys.kid, kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs ada in with the company picker, consent and PKCE, and issues a signed JWT for the picked company', async () => {
    const browser = new Browser(issuer);
    const { verifier, challenge } = pkcePair();
    const requestedAt = nowSeconds();
    const login = await browser.open(
      authorizeUrl(issuer, { prompt: 'login consent', challenge, responseMode: 'form_post' }),
    );
    expect(pageHtml(login)).toContain('name="email"');

    const picker = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: ADA.email,
      password: ADA.password,
    });
    const pickerHtml = pageHtml(picker);
    expect(pickerHtml).toContain(`value="${NORDLYS.tenantId}"`);
    expect(pickerHtml).toContain(`value="${NORDLYS_EIENDOM.tenantId}"`);
    expect(pickerHtml).toContain('Nordlys Eiendom AS');
    expect(pickerHtml).not.toContain('Kystfisk AS');

    const consent = await browser.submit(`/interaction/${interactionUid(picker)}/company`, {
      tenant_id: NORDLYS_EIENDOM.tenantId,
    });
    expect(pageHtml(consent)).toContain('name="consent"');
    expect(pageHtml(consent)).toContain('Nordlys Eiendom AS');

    const callback = await browser.submit(`/interaction/${interactionUid(consent)}/consent`, {
      consent: 'approve',
    });
    expect(callback).toMatchObject({ kind: 'callback', method: 'POST', url: REDIRECT_URI });
    const params = callbackParams(callback);
    expect(params.get('iss')).toBe(issuer);
    const code = params.get('code') ?? '';

    const answer = await exchangeCode(issuer, code, REUSE_APP, verifier);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof answer.body.refresh_token).toBe('string');

    const jwks = createLocalJWKSet(
      (await (await fetch(`${issuer}/.well-known/openid-configuration/jwks`)).json()) as never,
    );
    const { payload, protectedHeader } = await jwtVerify(
      String(answer.body.access_token),
      fixture.world.keys.publicKey,
      {
        issuer,
        audience: 'https://api.finance.visma.net/erp/service',
      },
    );
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: fixture.world.keys.kid });
    expect(payload).toMatchObject({
      iss: issuer,
      sub: ADA.sub,
      client_id: REUSE_APP.clientId,
      aud: 'https://api.finance.visma.net/erp/service',
      tenant_id: NORDLYS_EIENDOM.tenantId,
    });
    expect(String(payload.scope).split(' ').sort()).toEqual(FULL_SCOPE.split(' ').sort());
    expect(payload.exp).toBe((payload.iat ?? 0) + 3600);
    expect(payload.auth_time).toBeGreaterThanOrEqual(requestedAt);
    expect(typeof payload.jti).toBe('string');

    const idToken = await jwtVerify(String(answer.body.id_token), jwks, {
      issuer,
      audience: REUSE_APP.clientId,
    });
    expect(idToken.payload).toMatchObject({ sub: ADA.sub, email: ADA.email, name: ADA.name });
    expect(headerOf(answer.body.id_token).kid).toBe(fixture.world.keys.kid);
  });

  it('picks the only company without asking (ben)', async () => {
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer, { prompt: 'login consent' }));
    const consent = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: BEN.email,
      password: BEN.password,
    });
    expect(pageHtml(consent)).toContain('name="consent"');
    expect(pageHtml(consent)).not.toContain('name="tenant_id"');
    expect(pageHtml(consent)).toContain('Nordlys AS');
    const callback = await browser.submit(`/interaction/${interactionUid(consent)}/consent`, {
      consent: 'approve',
    });
    expect(callback).toMatchObject({ kind: 'callback', method: 'GET', url: REDIRECT_URI });
    const answer = await exchangeCode(issuer, callbackParams(callback).get('code') ?? '', REUSE_APP);
    expect(answer.status).toBe(200);
    expect(claimsOf(answer.body.access_token)).toMatchObject({ sub: BEN.sub, tenant_id: NORDLYS.tenantId });
  });

  it('fails the authorization with access_denied when the user has API User nowhere (eve)', async () => {
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer, { prompt: 'login consent' }));
    const callback = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: EVE.email,
      password: EVE.password,
    });
    const params = callbackParams(callback);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('error_description')).toMatch(/API User role on any Visma\.net Financials company/);
    expect(params.get('code')).toBeNull();
    expect(params.get('state')).toMatch(/^state-/);
  });

  it('shows the login page again after a wrong password', async () => {
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer));
    const again = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: ADA.email,
      password: 'not-her-password',
    });
    expect(again).toMatchObject({ kind: 'page', status: 200 });
    expect(pageHtml(again)).toContain('role="alert"');
    expect(pageHtml(again)).toContain('name="password"');
    expect(pageHtml(again)).toContain(`value="${ADA.email}"`);
  });

  it('redirects with access_denied when the user denies consent', async () => {
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer));
    const consent = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: BEN.email,
      password: BEN.password,
    });
    const callback = await browser.submit(`/interaction/${interactionUid(consent)}/consent`, {
      consent: 'deny',
    });
    expect(callbackParams(callback).get('error')).toBe('access_denied');
  });

  it('reuses the browser session silently, and prompt=login + max_age=0 forces a fresh login', async () => {
    const browser = new Browser(issuer);
    const first = await connectUser(fixture, {
      user: ADA,
      tenantId: NORDLYS_EIENDOM.tenantId,
      browser,
    });
    expect(claimsOf(first.tokens.access_token).sub).toBe(ADA.sub);

    // Ben wants to connect in the same browser: without prompt, no page at all, and the code is ada's.
    const silent = await browser.open(authorizeUrl(issuer));
    const silentCode = callbackParams(silent).get('code') ?? '';
    const silentTokens = await exchangeCode(issuer, silentCode, REUSE_APP);
    expect(claimsOf(silentTokens.body.access_token)).toMatchObject({
      sub: ADA.sub,
      tenant_id: NORDLYS_EIENDOM.tenantId,
    });

    // prompt=consent alone: the consent runs as the previous user (visma-net.md §2.11).
    const picker = await browser.open(authorizeUrl(issuer, { prompt: 'consent' }));
    expect(pageHtml(picker)).toContain(`value="${NORDLYS_EIENDOM.tenantId}"`);
    const consent = await browser.submit(`/interaction/${interactionUid(picker)}/company`, {
      tenant_id: NORDLYS.tenantId,
    });
    expect(pageHtml(consent)).toContain('Ada Admin');

    // prompt=login consent + max_age=0: the login page is shown even with a session, and ben ends up signed in.
    const requestedAt = nowSeconds();
    const { verifier, challenge } = pkcePair();
    const login = await browser.open(authorizeUrl(issuer, { prompt: 'login consent', maxAge: 0, challenge }));
    expect(pageHtml(login)).toContain('name="password"');
    const callback = await signIn(browser, login, BEN);
    const answer = await exchangeCode(
      issuer,
      callbackParams(callback).get('code') ?? '',
      REUSE_APP,
      verifier,
    );
    expect(answer.status).toBe(200);
    expect(claimsOf(answer.body.access_token)).toMatchObject({ sub: BEN.sub, tenant_id: NORDLYS.tenantId });
    const idToken = claimsOf(answer.body.id_token);
    expect(idToken.sub).toBe(BEN.sub);
    expect(idToken.auth_time).toBeGreaterThanOrEqual(requestedAt);
    expect(typeof answer.body.refresh_token).toBe('string');
  });

  it('puts tenant_id into interactive tokens only when the tenants scope was requested', async () => {
    const without = await connectUser(fixture, {
      user: BEN,
      scope: 'openid profile offline_access vismanet_erp_interactive_api:read',
    });
    const claims = claimsOf(without.tokens.access_token);
    expect(claims.sub).toBe(BEN.sub);
    expect(claims).not.toHaveProperty('tenant_id');
    expect(claims.scope).toBe('openid profile offline_access vismanet_erp_interactive_api:read');

    const withTenants = await connectUser(fixture, { user: BEN, scope: `${FULL_SCOPE}` });
    expect(claimsOf(withTenants.tokens.access_token).tenant_id).toBe(NORDLYS.tenantId);
  });

  it('accepts a registered loopback redirect URI on any port, and refuses unregistered ones', async () => {
    const browser = new Browser(issuer);
    const other = await browser.open(
      authorizeUrl(issuer, { redirectUri: 'http://localhost:61000/callback' }),
    );
    expect(pageHtml(other)).toContain('name="password"');

    const wrongPath = await browser.open(
      authorizeUrl(issuer, { redirectUri: 'http://127.0.0.1:61000/other' }),
    );
    expect(wrongPath).toMatchObject({ kind: 'page', status: 400 });
    expect(pageHtml(wrongPath)).toContain('invalid_redirect_uri');

    const notLoopback = await browser.open(
      authorizeUrl(issuer, { redirectUri: 'http://example.com/callback' }),
    );
    expect(pageHtml(notLoopback)).toContain('invalid_redirect_uri');
  });

  it('requires PKCE from public clients', async () => {
    fixture.world.apps.set('isv_public_cli', {
      clientId: 'isv_public_cli',
      kind: 'web',
      redirectUris: ['http://127.0.0.1/callback'],
      refreshTokenMode: 'one_time',
      refreshGraceSeconds: 0,
      approvedTenants: new Set(),
    });
    const browser = new Browser(issuer);
    const refused = await browser.open(authorizeUrl(issuer, { clientId: 'isv_public_cli' }));
    expect(callbackParams(refused).get('error')).toBe('invalid_request');
    expect(callbackParams(refused).get('error_description')).toMatch(/PKCE/);

    const { verifier, challenge } = pkcePair();
    const login = await browser.open(authorizeUrl(issuer, { clientId: 'isv_public_cli', challenge }));
    const callback = await signIn(browser, login, BEN);
    const code = callbackParams(callback).get('code') ?? '';
    const missingVerifier = await exchangeCode(issuer, code, { clientId: 'isv_public_cli' });
    expect(missingVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const retry = await signIn(
      browser,
      await browser.open(authorizeUrl(issuer, { clientId: 'isv_public_cli', challenge })),
      BEN,
    );
    const answer = await exchangeCode(
      issuer,
      callbackParams(retry).get('code') ?? '',
      { clientId: 'isv_public_cli' },
      verifier,
    );
    expect(answer.status).toBe(200);
    expect(claimsOf(answer.body.access_token)).toMatchObject({ sub: BEN.sub, client_id: 'isv_public_cli' });
  });

  it('answers userinfo for the JWT access token, by its identity scopes', async () => {
    const { tokens } = await connectUser(fixture, { user: ADA, tenantId: NORDLYS.tenantId });
    const userinfo = await fetch(`${issuer}/connect/userinfo`, {
      headers: { authorization: `Bearer ${String(tokens.access_token)}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toEqual({
      sub: ADA.sub,
      name: ADA.name,
      email: ADA.email,
      email_verified: true,
    });

    const anonymous = await fetch(`${issuer}/connect/userinfo`);
    expect(anonymous.status).toBe(401);

    fixture.world.revokeGrants(REUSE_APP.clientId, ADA.sub);
    const revoked = await fetch(`${issuer}/connect/userinfo`, {
      headers: { authorization: `Bearer ${String(tokens.access_token)}` },
    });
    expect(revoked.status).toBe(401);
  });

  it('signs the browser out at /connect/endsession, so the next authorization asks for a login again', async () => {
    const { browser } = await connectUser(fixture, { user: BEN });
    const query = new URLSearchParams({
      client_id: REUSE_APP.clientId,
      post_logout_redirect_uri: REDIRECT_URI,
    });
    const confirm = await browser.open(`${issuer}/connect/endsession?${query}`);
    const html = pageHtml(confirm);
    expect(html).toContain('name="logout" value="yes"');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await browser.submit('/connect/endsession/confirm', { xsrf, logout: 'yes' });
    expect(done).toMatchObject({ kind: 'callback', url: REDIRECT_URI });
    const again = await browser.open(authorizeUrl(issuer));
    expect(pageHtml(again)).toContain('name="password"');
  });

  it('drops offline_access (no refresh token) when prompt lacks consent, as OIDC Core §11 says', async () => {
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer, { prompt: 'login' }));
    const callback = await signIn(browser, login, BEN);
    const answer = await exchangeCode(issuer, callbackParams(callback).get('code') ?? '', {
      ...REUSE_APP,
      auth: 'basic',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty('refresh_token');
    expect(String(claimsOf(answer.body.access_token).scope).split(' ')).not.toContain('offline_access');
  });

  it('refuses response_mode=fragment, and with it the implicit flow', async () => {
    const browser = new Browser(issuer);
    const fragment = new URL(authorizeUrl(issuer));
    fragment.searchParams.set('response_mode', 'fragment');
    const refused = await browser.open(fragment.href);
    expect(callbackParams(refused).get('error')).toBe('invalid_request');
    expect(callbackParams(refused).get('error_description')).toBe(
      'requested response_mode is not allowed for this client or request',
    );
    const implicit = new URL(authorizeUrl(issuer));
    implicit.searchParams.set('response_type', 'token');
    const implicitAnswer = await browser.open(implicit.href);
    // The implicit flow's default fragment mode is refused before the response type is even looked at.
    expect(callbackParams(implicitAnswer).get('error')).toBe('invalid_request');
    expect(callbackParams(implicitAnswer).get('access_token')).toBeNull();
  });
});
