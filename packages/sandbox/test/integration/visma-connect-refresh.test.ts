import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, callbackParams } from '../../src/browser/scripted-browser.js';
import {
  ADA,
  authorizeUrl,
  BEN,
  type ConnectFixture,
  claimsOf,
  connectUser,
  exchangeCode,
  NORDLYS,
  NORDLYS_EIENDOM,
  ONE_TIME_APP,
  REUSE_APP,
  refresh,
  signIn,
  startFixture,
} from './visma-connect-fixture.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Visma Connect lookalike: refresh tokens', () => {
  let fixture: ConnectFixture;
  let issuer: string;
  beforeAll(async () => {
    fixture = await startFixture();
    issuer = fixture.connect.issuer;
  });
  afterAll(() => fixture.connect.close());
  beforeEach(() => fixture.world.reset());

  it('issues no refresh token without offline_access', async () => {
    const { tokens } = await connectUser(fixture, {
      user: BEN,
      scope: 'openid vismanet_erp_interactive_api:read',
    });
    expect(typeof tokens.access_token).toBe('string');
    expect(tokens).not.toHaveProperty('refresh_token');
  });

  it('keeps the same refresh token in "Re-use" mode, and the picked company survives refreshes', async () => {
    const { tokens } = await connectUser(fixture, { user: ADA, tenantId: NORDLYS_EIENDOM.tenantId });
    const refreshToken = String(tokens.refresh_token);
    const first = await refresh(issuer, refreshToken, REUSE_APP);
    const second = await refresh(issuer, refreshToken, REUSE_APP);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.refresh_token).toBe(refreshToken);
    expect(second.body.refresh_token).toBe(refreshToken);
    expect(second.body.expires_in).toBe(3600);
    const claims = claimsOf(second.body.access_token);
    expect(claims).toMatchObject({
      sub: ADA.sub,
      tenant_id: NORDLYS_EIENDOM.tenantId,
      client_id: REUSE_APP.clientId,
    });
    expect(claims.auth_time).toBe(claimsOf(tokens.access_token).auth_time);
    expect(claims.jti).not.toBe(claimsOf(tokens.access_token).jti);
  });

  it('rotates in "One time" mode; a replay within the grace period still works', async () => {
    const { tokens } = await connectUser(fixture, { user: BEN, client: ONE_TIME_APP });
    const original = String(tokens.refresh_token);
    const rotated = await refresh(issuer, original, ONE_TIME_APP);
    expect(rotated.status).toBe(200);
    expect(typeof rotated.body.refresh_token).toBe('string');
    expect(rotated.body.refresh_token).not.toBe(original);

    // The seed app allows 30 s: the duplicate refresh gets a fresh, working token set.
    const replay = await refresh(issuer, original, ONE_TIME_APP);
    expect(replay.status).toBe(200);
    expect(claimsOf(replay.body.access_token)).toMatchObject({ sub: BEN.sub, tenant_id: NORDLYS.tenantId });
    const next = await refresh(issuer, String(rotated.body.refresh_token), ONE_TIME_APP);
    expect(next.status).toBe(200);
    expect(next.body.refresh_token).not.toBe(rotated.body.refresh_token);
  });

  it('answers invalid_grant for a spent one-time token after the grace period, and revokes the grant', async () => {
    const app = fixture.world.apps.get(ONE_TIME_APP.clientId);
    if (!app) throw new Error('seed app missing');
    app.refreshGraceSeconds = 1;
    const { tokens } = await connectUser(fixture, { user: BEN, client: ONE_TIME_APP });
    const original = String(tokens.refresh_token);
    const rotated = await refresh(issuer, original, ONE_TIME_APP);
    expect(rotated.status).toBe(200);
    await sleep(1_100);
    const replay = await refresh(issuer, original, ONE_TIME_APP);
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // RFC 9700 §4.14.2 reuse detection (oidc-provider): the whole grant goes, the newest token too.
    const newest = await refresh(issuer, String(rotated.body.refresh_token), ONE_TIME_APP);
    expect(newest).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('answers invalid_grant after world.revokeGrants(), and a new login works again', async () => {
    const { tokens } = await connectUser(fixture, { user: BEN });
    fixture.world.revokeGrants(REUSE_APP.clientId, BEN.sub);
    const refused = await refresh(issuer, String(tokens.refresh_token), REUSE_APP);
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const again = await connectUser(fixture, { user: BEN });
    const accessToken = claimsOf(again.tokens.access_token);
    expect(fixture.world.isAccessTokenRevoked(String(accessToken.jti))).toBe(false);
    const refreshed = await refresh(issuer, String(again.tokens.refresh_token), REUSE_APP);
    expect(refreshed.status).toBe(200);
  });

  it('records every user access token in the world, so revocation reaches live access tokens', async () => {
    const { tokens } = await connectUser(fixture, { user: BEN });
    const refreshed = await refresh(issuer, String(tokens.refresh_token), REUSE_APP);
    const jtis = [claimsOf(tokens.access_token).jti, claimsOf(refreshed.body.access_token).jti].map(String);
    fixture.world.revokeGrants(REUSE_APP.clientId, BEN.sub);
    expect(jtis.map((jti) => fixture.world.isAccessTokenRevoked(jti))).toEqual([true, true]);
  });

  it('answers invalid_tenant once the user lost API User on the picked company, and works again when it is back', async () => {
    const { tokens } = await connectUser(fixture, { user: ADA, tenantId: NORDLYS_EIENDOM.tenantId });
    fixture.world.setRole(ADA.sub, NORDLYS_EIENDOM.tenantId, 'API User', false);
    const refused = await refresh(issuer, String(tokens.refresh_token), REUSE_APP);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_tenant');
    expect(refused.body.error_description).toMatch(
      /^The application user or subscription is not entitled to use the API/,
    );

    fixture.world.setRole(ADA.sub, NORDLYS_EIENDOM.tenantId, 'API User', true);
    const accepted = await refresh(issuer, String(tokens.refresh_token), REUSE_APP);
    expect(accepted.status).toBe(200);
  });

  it('answers invalid_tenant at code exchange when the role went away during sign-in', async () => {
    const browser = new Browser(issuer);
    const start = await browser.open(authorizeUrl(issuer, { prompt: 'login consent' }));
    const callback = await signIn(browser, start, BEN);
    fixture.world.setRole(BEN.sub, NORDLYS.tenantId, 'API User', false);
    const answer = await exchangeCode(issuer, callbackParams(callback).get('code') ?? '', REUSE_APP);
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_tenant' } });
  });

  it('forgets sessions, grants and refresh tokens on world.reset()', async () => {
    const { tokens, browser } = await connectUser(fixture, { user: BEN });
    fixture.world.reset();
    const refused = await refresh(issuer, String(tokens.refresh_token), REUSE_APP);
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // The browser's session cookie now points nowhere: the login page comes back.
    const page = await browser.open(authorizeUrl(issuer));
    expect(page.kind === 'page' && page.html.includes('name="password"')).toBe(true);
  });
});
