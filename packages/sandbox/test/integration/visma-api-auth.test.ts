import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVismaApi, type VismaApiServer } from '../../src/visma/api/index.js';
import type { VismaWorld } from '../../src/visma/world.js';
import {
  ADA,
  BEN,
  body,
  call,
  EIENDOM,
  EVE,
  GUID,
  mintToken,
  NORDLYS,
  SERVICE_CLIENT,
  serviceToken,
  startTestApi,
  userToken,
  WEB_CLIENT,
} from './visma-api-helpers.js';

let world: VismaWorld;
let api: VismaApiServer;

beforeAll(async () => {
  ({ world, api } = await startTestApi());
});
afterAll(() => api.close());
beforeEach(() => world.reset());

const UNAUTHORIZED = { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' };

async function expect401(response: Response, reason: string): Promise<void> {
  expect(response.status).toBe(401);
  expect(await body(response)).toEqual(UNAUTHORIZED);
  expect(response.headers.get('www-authenticate')).toContain(reason);
  expect(response.headers.get('x-ratelimit-policy')).toBe('4-fixed-window');
}

describe('Visma.net API lookalike: authentication (visma-net.md §2, §3)', () => {
  it('answers 401 without a bearer token, or with a malformed one', async () => {
    await expect401(await call(api, undefined, '/customer'), 'missing bearer token');
    await expect401(await call(api, 'not-a-jwt', '/customer'), 'malformed token');
  });

  it('answers 401 to expired tokens, foreign signatures, unknown kids and wrong audiences', async () => {
    await expect401(
      await call(api, await mintToken(world, {}, { expiresInSeconds: -10 }), '/customer'),
      'token expired',
    );
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expect401(
      await call(api, await mintToken(world, {}, { key: privateKey }), '/customer'),
      'bad signature',
    );
    await expect401(
      await call(api, await mintToken(world, {}, { kid: 'other' }), '/customer'),
      'unknown signing key',
    );
    await expect401(
      await call(api, await mintToken(world, { aud: 'https://example.com' }), '/customer'),
      'claim aud',
    );
  });

  it('answers 401 to a token whose grant was revoked', async () => {
    const token = await userToken(world, BEN.sub, NORDLYS.tenantId);
    expect((await call(api, token, '/customer?pageSize=1')).status).toBe(200);
    const jti = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string;
    world.recordAccessToken(jti, WEB_CLIENT, BEN.sub);
    world.revokeGrants(WEB_CLIENT, BEN.sub);
    await expect401(await call(api, token, '/customer'), 'revoked');
  });

  it('answers 401 to a token for the Customer tenant id (§2.10), and counts the call', async () => {
    const response = await call(api, await serviceToken(world, NORDLYS.customerTenantId), '/customer');
    await expect401(response, 'Customer tenant id');
    expect(api.rateLimits.counters(NORDLYS.customerTenantId).requests).toBe(1);
  });

  it('answers the IPP 12002 envelope to an ipp-company-id header and to user tokens without tenant_id', async () => {
    const withHeader = await call(api, await serviceToken(world), '/customer', {
      headers: { 'ipp-company-id': '1234' },
    });
    const legacy = await call(api, await userToken(world, ADA.sub, undefined), '/customer');
    for (const response of [withHeader, legacy]) {
      expect(response.status).toBe(400);
      const envelope = await body(response);
      expect(envelope).toEqual({
        ExceptionType: 'IPPException',
        ExceptionMessage: `Invalid parameter exception: ipp-company-id (${envelope.ExceptionMessageID})`,
        ExceptionFaultCode: '12002',
        ExceptionMessageID: expect.stringMatching(new RegExp(`^12002_12002_${GUID}$`)),
        ExceptionDetails: '',
      });
    }
  });

  it('answers IPP 12027 to a user without API User on the company, with a configurable status', async () => {
    const expected = {
      ExceptionType: 'IPPException',
      ExceptionMessage: 'No license for this company.',
      ExceptionFaultCode: '12027',
      ExceptionMessageID: expect.stringMatching(new RegExp(`^12027_${GUID}$`)),
      ExceptionDetails: '',
    };
    const eve = await call(api, await userToken(world, EVE.sub, NORDLYS.tenantId), '/customer');
    expect(eve.status).toBe(400);
    expect(await body(eve)).toEqual(expected);
    // Ben is API User on Nordlys only.
    expect(
      (await call(api, await userToken(world, BEN.sub, NORDLYS.tenantId), '/customer?pageSize=1')).status,
    ).toBe(200);
    expect((await call(api, await userToken(world, BEN.sub, EIENDOM.tenantId), '/customer')).status).toBe(
      400,
    );
    // Taking the role away bites on the next call.
    world.setRole(BEN.sub, NORDLYS.tenantId, 'API User', false);
    expect((await call(api, await userToken(world, BEN.sub, NORDLYS.tenantId), '/customer')).status).toBe(
      400,
    );

    const strict = await startVismaApi(world, { noLicenseStatus: 403, customers: 5 });
    try {
      const response = await call(strict, await userToken(world, EVE.sub, NORDLYS.tenantId), '/customer');
      expect(response.status).toBe(403);
      expect(await body(response)).toEqual(expected);
    } finally {
      await strict.close();
    }
  });

  it('checks the scope per method, accepting service and interactive scope families (§2.3)', async () => {
    const readOnly = await serviceToken(world, NORDLYS.tenantId, 'vismanet_erp_service_api:read');
    expect((await call(api, readOnly, '/customer?pageSize=1')).status).toBe(200);
    const denied = await call(api, readOnly, '/customer', { method: 'POST', body: { name: { value: 'X' } } });
    expect(denied.status).toBe(403);
    expect(await body(denied)).toEqual({
      message:
        'Insufficient scope. This call needs one of: vismanet_erp_service_api:create, vismanet_erp_interactive_api:create.',
    });
    const put = await call(api, readOnly, '/customer/10001', { method: 'PUT', body: {} });
    expect(put.status).toBe(403);
    const interactiveRead = await userToken(
      world,
      ADA.sub,
      NORDLYS.tenantId,
      'openid vismanet_erp_interactive_api:read',
    );
    expect((await call(api, interactiveRead, '/customer/10001')).status).toBe(200);
    expect((await call(api, interactiveRead, '/customerinvoice/100001', { method: 'DELETE' })).status).toBe(
      403,
    );
  });

  it('answers unknown routes with the ASP.NET Message shape, and carries Ipp-Request-Id and rate-limit headers', async () => {
    const token = await serviceToken(world);
    const unknown = await call(api, token, '/nothing');
    expect(unknown.status).toBe(404);
    expect(await body(unknown)).toEqual({
      Message: `No HTTP resource was found that matches the request URI '${api.url}/nothing'.`,
    });
    expect(unknown.headers.get('ipp-request-id')).toMatch(new RegExp(`^${GUID}$`));
    expect(unknown.headers.get('x-ratelimit-limit')).toBe('15000');
    const outside = await fetch(`${api.url.replace(/\/v1$/, '')}/API/controller/api/v1/customer`);
    expect(outside.status).toBe(404);
    const wrongMethod = await call(api, token, '/creditterm', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(await body(wrongMethod)).toEqual({
      Message: "The requested resource does not support http method 'DELETE'.",
    });
    const missing = await call(api, token, '/customer/99999');
    expect(missing.status).toBe(404);
    expect(await body(missing)).toEqual({ Message: "Customer with id '99999' was not found." });
    expect(SERVICE_CLIENT).toBe('isv_databridge_service');
  });
});
