import { jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConnectFixture,
  KYSTFISK,
  NORDLYS,
  REUSE_APP,
  SERVICE_APP,
  startFixture,
  tokenRequest,
} from './visma-connect-fixture.js';

const SERVICE_SCOPE = 'vismanet_erp_service_api:read vismanet_erp_service_api:update';

describe('Visma Connect lookalike: client credentials (Service API)', () => {
  let fixture: ConnectFixture;
  let issuer: string;
  beforeAll(async () => {
    fixture = await startFixture({ accessTokenTtlSeconds: 120 });
    issuer = fixture.connect.issuer;
  });
  afterAll(() => fixture.connect.close());
  beforeEach(() => fixture.world.reset());

  const grant = (fields: Record<string, string>) => ({
    grant_type: 'client_credentials',
    scope: SERVICE_SCOPE,
    ...fields,
  });

  it.each(['post', 'basic'] as const)(
    'issues a JWT for an approved Company tenant (secret via %s)',
    async (auth) => {
      const answer = await tokenRequest(issuer, grant({ tenant_id: NORDLYS.tenantId }), {
        ...SERVICE_APP,
        auth,
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: SERVICE_SCOPE });
      expect(answer.body).not.toHaveProperty('refresh_token');
      const { payload, protectedHeader } = await jwtVerify(
        String(answer.body.access_token),
        fixture.world.keys.publicKey,
        { issuer, audience: 'https://api.finance.visma.net/erp/service' },
      );
      expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: fixture.world.keys.kid });
      expect(payload).toMatchObject({
        iss: issuer,
        sub: SERVICE_APP.clientId,
        client_id: SERVICE_APP.clientId,
        scope: SERVICE_SCOPE,
        tenant_id: NORDLYS.tenantId,
      });
      expect(payload.exp).toBe((payload.iat ?? 0) + 120);
      expect(typeof payload.jti).toBe('string');
    },
  );

  it('still issues a token for the Customer tenant id (the API then answers 401)', async () => {
    const answer = await tokenRequest(issuer, grant({ tenant_id: NORDLYS.customerTenantId }), SERVICE_APP);
    expect(answer.status).toBe(200);
    const { payload } = await jwtVerify(String(answer.body.access_token), fixture.world.keys.publicKey);
    expect(payload.tenant_id).toBe(NORDLYS.customerTenantId);
  });

  it.each([
    ['a company that did not approve the app', KYSTFISK.tenantId],
    ['the Customer tenant id of such a company', KYSTFISK.customerTenantId],
    ['an unknown tenant', '00000000-0000-4000-8000-000000000000'],
  ])('answers 400 invalid_tenant for %s', async (_label, tenantId) => {
    const answer = await tokenRequest(issuer, grant({ tenant_id: tenantId }), SERVICE_APP);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_tenant');
    expect(answer.body.error_description).toMatch(
      /^The application user or subscription is not entitled to use the API/,
    );
  });

  it('answers 400 invalid_request naming tenant_id when it is missing', async () => {
    const answer = await tokenRequest(issuer, grant({}), SERVICE_APP);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_request');
    expect(answer.body.error_description).toContain('tenant_id');
  });

  it.each(['post', 'basic'] as const)(
    'answers 401 invalid_client for a bad secret (via %s)',
    async (auth) => {
      const answer = await tokenRequest(issuer, grant({ tenant_id: NORDLYS.tenantId }), {
        clientId: SERVICE_APP.clientId,
        clientSecret: 'wrong-secret',
        auth,
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('invalid_client');
    },
  );

  it('follows approvals as the world changes them', async () => {
    fixture.world.apps.get(SERVICE_APP.clientId)?.approvedTenants.add(KYSTFISK.tenantId);
    const answer = await tokenRequest(issuer, grant({ tenant_id: KYSTFISK.tenantId }), SERVICE_APP);
    expect(answer.status).toBe(200);
  });

  it('refuses Interactive API scopes and client credentials for web apps', async () => {
    const wrongScope = await tokenRequest(
      issuer,
      grant({ tenant_id: NORDLYS.tenantId, scope: 'vismanet_erp_interactive_api:read' }),
      SERVICE_APP,
    );
    expect(wrongScope).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    const webApp = await tokenRequest(issuer, grant({ tenant_id: NORDLYS.tenantId }), REUSE_APP);
    expect(webApp).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'requested grant type is not allowed for this client',
      },
    });
  });

  it('answers 403 at userinfo for a service token', async () => {
    const answer = await tokenRequest(issuer, grant({ tenant_id: NORDLYS.tenantId }), SERVICE_APP);
    const userinfo = await fetch(`${issuer}/connect/userinfo`, {
      headers: { authorization: `Bearer ${String(answer.body.access_token)}` },
    });
    expect(userinfo.status).toBe(403);
  });
});
