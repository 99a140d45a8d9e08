import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Browser,
  callbackParams,
  interactionUid,
  pageHtml,
  pkcePair,
} from '../../src/browser/scripted-browser.js';
import { signInToSuperOffice } from '../../src/superoffice/auth-host/index.js';
import {
  APP,
  type AuthFixture,
  authorizeUrl,
  connect,
  exchangeCode,
  KYSTFISK,
  NORDLYS,
  OLA,
  REDIRECT_URI,
  refresh,
  SIRI,
  startAuthFixture,
} from './superoffice-auth-fixture.js';

const NS = 'http://schemes.superoffice.net/identity/';

let fixture: AuthFixture;
let issuer: string;

beforeAll(async () => {
  fixture = await startAuthFixture();
  issuer = fixture.host.issuer;
});
afterAll(() => fixture.host.close());
beforeEach(() => fixture.world.reset());

describe('discovery (superoffice.md §3)', () => {
  it('is served under /login with SuperOffice endpoint paths and the bare host as issuer', async () => {
    const response = await fetch(`${issuer}/login/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as Record<string, unknown>;
    expect(document).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/login/common/oauth/authorize`,
      token_endpoint: `${issuer}/login/common/oauth/tokens`,
      jwks_uri: `${issuer}/login/.well-known/jwks`,
      revocation_endpoint: `${issuer}/login/common/oauth/Revoke`,
      scopes_supported: ['openid'],
      response_types_supported: ['code'],
      response_modes_supported: ['form_post', 'query'],
      code_challenge_methods_supported: ['S256', 'plain'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(document.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_post', 'client_secret_basic']),
    );
    expect(document.userinfo_endpoint).toBeUndefined();
    expect((await fetch(`${issuer}/.well-known/openid-configuration`)).status).toBe(404);
  });

  it('publishes the world signing key at the JWKS path', async () => {
    const jwks = (await (await fetch(`${issuer}/login/.well-known/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kid: fixture.world.signingKey.kid,
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
    });
    expect(jwks.keys[0]?.d).toBeUndefined();
  });
});

describe('sign-in pages', () => {
  it('shows login, then the tenant picker for a user of two tenants, then skips consent on an approved tenant', async () => {
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer, { loginHint: SIRI.email }));
    expect(pageHtml(login)).toContain(`value="${SIRI.email}"`);
    const picker = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: SIRI.email,
      password: SIRI.password,
    });
    const html = pageHtml(picker);
    expect(html).toContain(`name="tenant" value="${NORDLYS.ctx}"`);
    expect(html).toContain(`name="tenant" value="${KYSTFISK.ctx}"`);
    const done = await browser.submit(`/interaction/${interactionUid(picker)}/tenant`, {
      tenant: NORDLYS.ctx,
    });
    expect(done).toMatchObject({ kind: 'callback', url: 'http://127.0.0.1:53682/callback', method: 'GET' });
    expect(callbackParams(done).get('code')).toMatch(/.{20,}/);
    expect(callbackParams(done).get('iss')).toBe(issuer);
  });

  it('wrong password shows the login page again', async () => {
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer));
    const again = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: OLA.email,
      password: 'nope',
    });
    expect(again).toMatchObject({ kind: 'page', status: 200 });
    expect(pageHtml(again)).toContain('The e-mail address or password is incorrect.');
  });

  it('lets an administrator approve the app on a new tenant, storing the consent and system token', async () => {
    expect(fixture.world.apps.get(APP.clientId)?.consents.has(KYSTFISK.ctx)).toBe(false);
    const browser = new Browser(issuer);
    const login = await browser.open(authorizeUrl(issuer, { acrTenant: KYSTFISK.ctx }));
    const consent = await browser.submit(`/interaction/${interactionUid(login)}/login`, {
      email: SIRI.email,
      password: SIRI.password,
    });
    expect(pageHtml(consent)).toContain('I approve');
    const done = await browser.submit(`/interaction/${interactionUid(consent)}/consent`, {
      consent: 'approve',
    });
    expect(callbackParams(done).get('code')).not.toBeNull();
    const stored = fixture.world.apps.get(APP.clientId)?.consents.get(KYSTFISK.ctx);
    expect(stored?.systemToken).toMatch(/^DataBridge-/);
  });

  it('an administrator who cancels gets access_denied and no consent is stored', async () => {
    const callback = await signInToSuperOffice(
      new Browser(issuer),
      authorizeUrl(issuer, { acrTenant: KYSTFISK.ctx }),
      {
        ...SIRI,
        consent: 'deny',
      },
    );
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(fixture.world.apps.get(APP.clientId)?.consents.has(KYSTFISK.ctx)).toBe(false);
  });

  it('a normal user on a tenant without consent gets access_denied saying an administrator must approve', async () => {
    fixture.world.revokeConsent(APP.clientId, NORDLYS.ctx);
    const callback = await signInToSuperOffice(new Browser(issuer), authorizeUrl(issuer), OLA);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toMatch(
      /administrator .* must sign in and approve/,
    );
    expect(fixture.world.apps.get(APP.clientId)?.consents.has(NORDLYS.ctx)).toBe(false);
  });

  it('acr_values=tenant:… skips the picker; a tenant the user is not in is access_denied', async () => {
    const tokens = await connect(fixture, SIRI, { acrTenant: NORDLYS.ctx });
    expect(decodeJwt(tokens.id_token as string)[`${NS}ctx`]).toBe(NORDLYS.ctx);
    const callback = await signInToSuperOffice(
      new Browser(issuer),
      authorizeUrl(issuer, { acrTenant: KYSTFISK.ctx }),
      OLA,
    );
    expect(callback.searchParams.get('error')).toBe('access_denied');
  });

  it('reuses the browser session without a login form, and prompt=login forces one', async () => {
    const browser = new Browser(issuer);
    await signInToSuperOffice(browser, authorizeUrl(issuer), OLA);
    const silent = await browser.open(authorizeUrl(issuer));
    expect(callbackParams(silent).get('code')).not.toBeNull();
    const forced = await browser.open(authorizeUrl(issuer, { prompt: 'login' }));
    expect(pageHtml(forced)).toContain('name="password"');
  });

  it('supports response_mode=form_post', async () => {
    const browser = new Browser(issuer);
    await signInToSuperOffice(browser, authorizeUrl(issuer), OLA);
    const landing = await browser.open(authorizeUrl(issuer, { responseMode: 'form_post' }));
    expect(landing).toMatchObject({ kind: 'callback', method: 'POST' });
    expect(callbackParams(landing).get('code')).not.toBeNull();
  });
});

describe('PKCE (superoffice.md §3)', () => {
  async function codeFor(challenge: string, method?: 'S256' | 'plain'): Promise<string> {
    const callback = await signInToSuperOffice(
      new Browser(issuer),
      authorizeUrl(issuer, { challenge, ...(method === undefined ? {} : { challengeMethod: method }) }),
      OLA,
    );
    const code = callback.searchParams.get('code');
    if (code === null) throw new Error(callback.href);
    return code;
  }

  it('accepts S256 and rejects a wrong verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const good = await exchangeCode(issuer, await codeFor(challenge, 'S256'), verifier);
    expect(good.status).toBe(200);
    const bad = await exchangeCode(issuer, await codeFor(challenge, 'S256'), pkcePair().verifier);
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('treats a challenge without a method as plain: the verifier is the challenge itself', async () => {
    const { verifier } = pkcePair();
    const plain = await exchangeCode(issuer, await codeFor(verifier), verifier);
    expect(plain.status).toBe(200);
    const hashedVerifier = pkcePair();
    const s256Style = await exchangeCode(
      issuer,
      await codeFor(hashedVerifier.challenge),
      hashedVerifier.verifier,
    );
    expect(s256Style).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('accepts an explicit plain method', async () => {
    const { verifier } = pkcePair();
    expect((await exchangeCode(issuer, await codeFor(verifier, 'plain'), verifier)).status).toBe(200);
  });
});

describe('tokens (superoffice.md §3, §4)', () => {
  it('exchanges a code (client auth via Basic) for an opaque 8A: token recorded in the world, and a signed id_token', async () => {
    const nonce = 'nonce-for-claims';
    const { verifier, challenge } = pkcePair();
    const callback = await signInToSuperOffice(
      new Browser(issuer),
      authorizeUrl(issuer, { challenge, challengeMethod: 'S256', nonce, acrTenant: NORDLYS.ctx }),
      SIRI,
    );
    const before = Math.floor(Date.now() / 1000);
    const answer = await exchangeCode(issuer, callback.searchParams.get('code') ?? '', verifier, 'basic');
    expect(answer.status).toBe(200);
    const tokens = answer.body;
    expect(Object.keys(tokens).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'token_type',
    ]);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(tokens.access_token).toMatch(/^8A:Cust12345\.[\w-]+$/);
    expect(fixture.world.authenticate(tokens.access_token as string)).toMatchObject({
      kind: 'user',
      ctx: NORDLYS.ctx,
      clientId: APP.clientId,
      associateId: SIRI.associateId,
    });

    const jwks = createRemoteJWKSet(new URL(`${issuer}/login/.well-known/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token as string, jwks, {
      issuer,
      audience: APP.clientId,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toBe(fixture.world.signingKey.kid);
    const systemToken = fixture.world.apps.get(APP.clientId)?.consents.get(NORDLYS.ctx)?.systemToken;
    expect(payload).toMatchObject({
      sub: String(SIRI.associateId),
      nonce,
      [`${NS}ctx`]: NORDLYS.ctx,
      [`${NS}webapi_url`]: 'http://127.0.0.1:41000/Cust12345/api/',
      [`${NS}netserver_url`]: 'http://127.0.0.1:41000/Cust12345/Remote/Services88/',
      [`${NS}system_token`]: systemToken,
      [`${NS}associateid`]: String(SIRI.associateId),
      [`${NS}email`]: SIRI.email,
      [`${NS}upn`]: SIRI.email,
      [`${NS}is_administrator`]: 'True',
      [`${NS}company_name`]: NORDLYS.name,
      [`${NS}serial`]: NORDLYS.serial,
      [`${NS}identityprovider`]: 'SuperID',
    });
    expect(payload.auth_time).toBeGreaterThanOrEqual(before - 5);
  });

  it('publishes webapi_url at the tenant’s current host after a move', async () => {
    fixture.world.moveTenant(NORDLYS.ctx, 1);
    const tokens = await connect(fixture, OLA);
    const claims = decodeJwt(tokens.id_token as string);
    expect(claims[`${NS}webapi_url`]).toBe('http://127.0.0.1:41001/Cust12345/api/');
    expect(claims[`${NS}is_administrator`]).toBe('False');
  });

  it('refresh keeps the same refresh token: new access token and id_token, no refresh_token in the answer', async () => {
    const first = await connect(fixture, OLA);
    const refreshToken = first.refresh_token as string;
    const second = await refresh(issuer, refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeUndefined();
    expect(second.body.access_token).toMatch(/^8A:Cust12345\./);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(decodeJwt(second.body.id_token as string)[`${NS}ctx`]).toBe(NORDLYS.ctx);
    expect(fixture.world.authenticate(second.body.access_token as string)?.associateId).toBe(OLA.associateId);
    const third = await refresh(issuer, refreshToken);
    expect(third.status).toBe(200);
  });

  it('after the tenant revokes consent, refresh answers invalid_grant and the access token is gone', async () => {
    const tokens = await connect(fixture, OLA);
    fixture.world.revokeConsent(APP.clientId, NORDLYS.ctx);
    expect(await refresh(issuer, tokens.refresh_token as string)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(fixture.world.authenticate(tokens.access_token as string)).toBeUndefined();
  });

  it('Revoke?token=…&token_type_hint=JWT ends the refresh token and its access tokens', async () => {
    const tokens = await connect(fixture, OLA);
    const url = new URL(`${issuer}/login/common/oauth/Revoke`);
    url.searchParams.set('token', tokens.refresh_token as string);
    url.searchParams.set('token_type_hint', 'JWT');
    const response = await fetch(url, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await refresh(issuer, tokens.refresh_token as string)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(fixture.world.authenticate(tokens.access_token as string)).toBeUndefined();
    expect(fixture.world.apps.get(APP.clientId)?.consents.has(NORDLYS.ctx)).toBe(true);
  });

  it('a code works once and only with its redirect_uri', async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await signInToSuperOffice(
      new Browser(issuer),
      authorizeUrl(issuer, { challenge, challengeMethod: 'S256' }),
      OLA,
    );
    const code = callback.searchParams.get('code') ?? '';
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect((await exchangeCode(issuer, code, verifier)).status).toBe(200);
    expect(await exchangeCode(issuer, code, verifier)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('world.reset() ends sessions and refresh tokens', async () => {
    const tokens = await connect(fixture, OLA);
    fixture.world.reset();
    expect((await refresh(issuer, tokens.refresh_token as string)).body.error).toBe('invalid_grant');
  });
});
