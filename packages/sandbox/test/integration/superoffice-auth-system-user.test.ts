import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TICKET_LIFETIME_MS } from '../../src/superoffice/world.js';
import {
  APP,
  type AuthFixture,
  connect,
  exchangeSystemUser,
  KYSTFISK,
  NORDLYS,
  OLA,
  signSystemToken,
  startAuthFixture,
} from './superoffice-auth-fixture.js';

let fixture: AuthFixture;
let issuer: string;

beforeAll(async () => {
  fixture = await startAuthFixture({ stateValidSeconds: 120, accessTokenTtlSeconds: 1200 });
  issuer = fixture.host.issuer;
});
afterAll(() => fixture.host.close());
beforeEach(() => fixture.world.reset());

function systemTokenOf(ctx: string): string {
  const token = fixture.world.apps.get(APP.clientId)?.consents.get(ctx)?.systemToken;
  if (token === undefined) throw new Error(`No consent on ${ctx}`);
  return token;
}

function request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SignedSystemToken: signSystemToken(systemTokenOf(NORDLYS.ctx), APP_KEY()),
    ApplicationToken: APP.clientSecret,
    ContextIdentifier: NORDLYS.ctx,
    ReturnTokenType: 'JWT',
    ...overrides,
  };
}

function APP_KEY(): string {
  const pem = fixture.world.apps.get(APP.clientId)?.systemUserPrivateKeyPem;
  if (pem === undefined) throw new Error('No app');
  return pem;
}

describe('State API (superoffice.md §2)', () => {
  it('answers the tenant state without auth, following moves and state changes', async () => {
    const before = Date.now();
    const response = await fetch(`${issuer}/api/state/${NORDLYS.ctx}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      ContextIdentifier: NORDLYS.ctx,
      Endpoint: 'http://127.0.0.1:41000/Cust12345',
      State: 'Running',
      IsRunning: true,
      ValidUntil: expect.any(String),
      Api: 'http://127.0.0.1:41000/Cust12345/api',
    });
    const validUntil = Date.parse(body.ValidUntil as string);
    expect(validUntil).toBeGreaterThanOrEqual(before + 119_000);
    expect(validUntil).toBeLessThanOrEqual(Date.now() + 120_000);

    fixture.world.moveTenant(NORDLYS.ctx, 1);
    fixture.world.setTenantState(NORDLYS.ctx, 'Suspended');
    const moved = (await (await fetch(`${issuer}/api/state/${NORDLYS.ctx}`)).json()) as Record<
      string,
      unknown
    >;
    expect(moved).toMatchObject({
      State: 'Suspended',
      IsRunning: false,
      Api: 'http://127.0.0.1:41001/Cust12345/api',
    });
  });

  it('answers 404 JSON for an unknown tenant', async () => {
    const response = await fetch(`${issuer}/api/state/Cust99999`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ContextIdentifier: 'Cust99999' });
  });
});

describe('system-user exchange (superoffice.md §5)', () => {
  it('returns a JWT with the ticket and records the ticket for 6 h, sliding', async () => {
    const before = Date.now();
    const answer = await exchangeSystemUser(issuer, request());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ IsSuccessful: true, ErrorMessage: '' });
    const jwks = createRemoteJWKSet(new URL(`${issuer}/login/.well-known/jwks`));
    const { payload, protectedHeader } = await jwtVerify(answer.body.Token as string, jwks, {
      issuer: 'SuperOffice AS',
      audience: `spn:${NORDLYS.serial}`,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toBe(fixture.world.signingKey.kid);
    expect(payload['http://schemes.superoffice.net/identity/ctx']).toBe(NORDLYS.ctx);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
    const ticket = payload['http://schemes.superoffice.net/identity/ticket'];
    expect(ticket).toMatch(/^7T:/);

    const principal = fixture.world.authenticate(ticket as string, before);
    expect(principal).toMatchObject({
      kind: 'system',
      ctx: NORDLYS.ctx,
      clientId: APP.clientId,
      associateId: 0,
    });
    // Sliding: a use 5 h later extends it to 6 h after that use; 7 h after the last use it is gone.
    const later = before + 5 * 60 * 60 * 1000;
    expect(fixture.world.authenticate(ticket as string, later)?.expiresAt).toBe(later + TICKET_LIFETIME_MS);
    expect(fixture.world.authenticate(ticket as string, later + 7 * 60 * 60 * 1000)).toBeUndefined();
  });

  it('works for a tenant an administrator approved at sign-in (new system token)', async () => {
    const systemToken = fixture.world.grantConsent(APP.clientId, KYSTFISK.ctx);
    const answer = await exchangeSystemUser(
      issuer,
      request({
        SignedSystemToken: signSystemToken(systemToken, APP_KEY()),
        ContextIdentifier: KYSTFISK.ctx,
      }),
    );
    expect(answer.body.IsSuccessful).toBe(true);
  });

  it.each([
    [
      'a bad signature',
      () => ({
        SignedSystemToken: `${signSystemToken(systemTokenOf(NORDLYS.ctx), APP_KEY()).slice(0, -8)}AAAAAAA=`,
      }),
      /signature/,
    ],
    [
      'a stale timestamp',
      () => ({
        SignedSystemToken: signSystemToken(
          systemTokenOf(NORDLYS.ctx),
          APP_KEY(),
          new Date(Date.now() - 10 * 60_000),
        ),
      }),
      /more than 300 s from now/,
    ],
    [
      'a future timestamp',
      () => ({
        SignedSystemToken: signSystemToken(
          systemTokenOf(NORDLYS.ctx),
          APP_KEY(),
          new Date(Date.now() + 10 * 60_000),
        ),
      }),
      /more than 300 s from now/,
    ],
    ['a wrong application token', () => ({ ApplicationToken: 'not-the-secret' }), /Unknown ApplicationToken/],
    [
      'a tenant without consent',
      () => ({ ContextIdentifier: KYSTFISK.ctx }),
      /not approved for tenant Cust67890/,
    ],
    ['an unknown tenant', () => ({ ContextIdentifier: 'Cust99999' }), /Unknown ContextIdentifier/],
    [
      'a system token of another consent',
      () => ({ SignedSystemToken: signSystemToken('DataBridge-forged', APP_KEY()) }),
      /not the one issued/,
    ],
    ['a malformed signed token', () => ({ SignedSystemToken: 'garbage' }), /must look like/],
  ])('refuses %s with IsSuccessful false (status 200)', async (_name, overrides, message) => {
    const answer = await exchangeSystemUser(issuer, request(overrides()));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ IsSuccessful: false, Token: null });
    expect(answer.body.ErrorMessage).toMatch(message);
  });

  it('refuses a tenant that is not running, and a consent revoked after signing', async () => {
    const body = request();
    fixture.world.setTenantState(NORDLYS.ctx, 'OfflineMaintenance');
    expect((await exchangeSystemUser(issuer, body)).body.ErrorMessage).toMatch(/not running/);
    fixture.world.setTenantState(NORDLYS.ctx, 'Running');
    fixture.world.revokeConsent(APP.clientId, NORDLYS.ctx);
    expect((await exchangeSystemUser(issuer, body)).body.ErrorMessage).toMatch(/not approved/);
  });

  it('answers 400 with the same shape for a body that is not JSON', async () => {
    const response = await fetch(`${issuer}/login/api/partnersystemuser/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      IsSuccessful: false,
      Token: null,
      ErrorMessage: 'The request body must be JSON.',
    });
  });
});

describe('accessTokenTtlSeconds (superoffice.md §3: 3600 s or 20 minutes)', () => {
  it('sets expires_in and the recorded expiry', async () => {
    const before = Date.now();
    const tokens = await connect(fixture, OLA);
    expect(tokens.expires_in).toBe(1200);
    const expiresAt = fixture.world.authenticate(tokens.access_token as string)?.expiresAt ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 1_200_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 1_200_000);
    expect(fixture.world.authenticate(tokens.access_token as string, Date.now() + 1_201_000)).toBeUndefined();
  });
});
