import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SuperOfficeApiServer } from '../../src/superoffice/api/index.js';
import type { SuperOfficeWorld } from '../../src/superoffice/world.js';
import {
  APP,
  call,
  json,
  KYSTFISK,
  NORDLYS,
  SIRI,
  startTestApi,
  systemTicket,
  userToken,
} from './superoffice-api-helpers.js';

let world: SuperOfficeWorld;
let api: SuperOfficeApiServer;

beforeAll(async () => {
  ({ world, api } = await startTestApi({ contacts: 10 }));
});
afterAll(() => api.close());
beforeEach(() => world.reset());

describe('SuperOffice tenant hosts: routing (superoffice.md §1, §2)', () => {
  it('runs one host per world.hostCount and serves a tenant only on its current host; others answer 421', async () => {
    const token = userToken(world);
    expect(api.hostUrl(0)).not.toBe(api.hostUrl(1));
    expect(api.tenantApiUrl(NORDLYS.ctx)).toBe(`${api.hostUrl(0)}/${NORDLYS.ctx}/api`);
    expect((await call(api, { bearer: token }, '/v1/Contact/1')).status).toBe(200);

    world.moveTenant(NORDLYS.ctx, 1);
    const stale = await call(api, { bearer: token }, '/v1/Contact/1', { host: 0 });
    expect(stale.status).toBe(421);
    expect(await json(stale)).toMatchObject({
      Error: true,
      ErrorType: 'MisdirectedRequest',
      ErrorMessage: 'Wrong subdomain used to access tenant',
    });
    expect(api.tenantApiUrl(NORDLYS.ctx)).toBe(`${api.hostUrl(1)}/${NORDLYS.ctx}/api`);
    const moved = await call(api, { bearer: token }, '/v1/Contact/1');
    expect(moved.status).toBe(200);
    expect((await json(moved)).Name).toBe(NORDLYS.name);
  });

  it('answers 404 for an unknown tenant and for paths outside /{ctx}/api', async () => {
    const unknown = await fetch(`${api.hostUrl(0)}/Cust00000/api/v1/Contact/1`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ Error: true, ErrorType: 'SoTenantNotFoundException' });
    expect((await fetch(`${api.hostUrl(0)}/nothing`)).status).toBe(404);
  });

  it.each(['Suspended', 'Deleted', 'OfflineMaintenance'] as const)(
    'answers 503 naming the state while the tenant is %s',
    async (state) => {
      world.setTenantState(NORDLYS.ctx, state);
      const response = await call(api, { bearer: userToken(world) }, '/v1/Contact/1');
      expect(response.status).toBe(503);
      expect(await json(response)).toMatchObject({
        Error: true,
        ErrorType: 'SoTenantNotRunningException',
        State: state,
        IsRunning: false,
      });
    },
  );

  it('keeps serving during OnlineMaintenance', async () => {
    world.setTenantState(NORDLYS.ctx, 'OnlineMaintenance');
    expect((await call(api, { bearer: userToken(world) }, '/v1/Contact/1')).status).toBe(200);
  });
});

describe('SuperOffice tenant hosts: authentication (superoffice.md §6, §15)', () => {
  const expect401 = async (response: Response, message: RegExp) => {
    expect(response.status).toBe(401);
    const body = await json(response);
    expect(body).toMatchObject({ Error: true, ErrorType: 'SoAuthenticationException' });
    expect(body.ErrorMessage).toMatch(message);
    expect(typeof body.ErrorSource).toBe('string');
  };

  it('refuses missing, unknown, expired and Basic credentials', async () => {
    await expect401(await call(api, undefined, '/v1/Contact/1'), /No Authorization header/);
    await expect401(
      await call(api, { bearer: '8A:Cust12345.nope' }, '/v1/Contact/1'),
      /unknown, expired or revoked/,
    );
    const expired = userToken(world, NORDLYS.ctx, { expiresAt: Date.now() - 1 });
    await expect401(await call(api, { bearer: expired }, '/v1/Contact/1'), /unknown, expired or revoked/);
    await expect401(
      await call(api, { raw: 'Basic c2lyaTpwdw==' }, '/v1/Contact/1'),
      /not available in SuperOffice Online/,
    );
  });

  it('refuses a credential issued for another tenant', async () => {
    await expect401(
      await call(api, { bearer: userToken(world, KYSTFISK.ctx) }, '/v1/Contact/1'),
      /issued for tenant Cust67890/,
    );
  });

  it('stops accepting credentials once consent is revoked', async () => {
    const token = userToken(world);
    expect((await call(api, { bearer: token }, '/v1/Contact/1')).status).toBe(200);
    world.revokeConsent(APP.clientId, NORDLYS.ctx);
    await expect401(await call(api, { bearer: token }, '/v1/Contact/1'), /revoked/);
  });

  it('requires SO-AppToken with SOTicket, matching the app that owns the ticket', async () => {
    const ticket = systemTicket(world);
    await expect401(await call(api, { ticket }, '/v1/Contact/1'), /SO-AppToken/);
    await expect401(await call(api, { ticket, appToken: 'wrong' }, '/v1/Contact/1'), /does not match/);
    await expect401(await call(api, { bearer: ticket }, '/v1/Contact/1'), /must be sent as SOTicket/);
    expect((await call(api, { ticket, appToken: APP.clientSecret }, '/v1/Contact/1')).status).toBe(200);
  });

  it('slides the ticket on use (superoffice.md §5)', async () => {
    const ticket = systemTicket(world);
    const before = world.authenticate(ticket)?.expiresAt ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call(api, { ticket, appToken: APP.clientSecret }, '/v1/Contact/1');
    expect(world.authenticate(ticket)?.expiresAt ?? 0).toBeGreaterThan(before);
  });

  it('tells who is calling via User/currentPrincipal', async () => {
    const user = await json(await call(api, { bearer: userToken(world) }, '/v1/User/currentPrincipal'));
    expect(user).toMatchObject({
      AssociateId: SIRI.associateId,
      FullName: SIRI.name,
      EMailAddress: SIRI.email,
      DatabaseContextIdentifier: NORDLYS.ctx,
      IsSystemUser: false,
    });
    const system = await json(
      await call(
        api,
        { ticket: systemTicket(world), appToken: APP.clientSecret },
        '/v1/User/currentPrincipal',
      ),
    );
    expect(system).toMatchObject({
      AssociateId: 0,
      DatabaseContextIdentifier: NORDLYS.ctx,
      IsSystemUser: true,
    });
  });
});

describe('SuperOffice tenant hosts: /v1/Webhook forwarding (superoffice.md §18)', () => {
  it('forwards authenticated Webhook calls to the registry with tenant, subpath, body and associate', async () => {
    const seen: unknown[] = [];
    const { world: w, api: forwarding } = await startTestApi({
      contacts: 3,
      webhooks: {
        route: async (request) => {
          seen.push(request);
          if (request.subpath === '/nope') return undefined;
          return request.method === 'DELETE'
            ? { status: 204, body: undefined }
            : { status: 200, body: { WebhookId: 1 } };
        },
      },
    });
    try {
      const token = userToken(w);
      const created = await call(forwarding, { bearer: token }, '/v1/webhook', {
        method: 'POST',
        body: { Name: 'x' },
      });
      expect(created.status).toBe(200);
      expect(await json(created)).toEqual({ WebhookId: 1 });
      expect((await call(forwarding, { bearer: token }, '/v1/Webhook/1', { method: 'DELETE' })).status).toBe(
        204,
      );
      expect((await call(forwarding, { bearer: token }, '/v1/Webhook/nope')).status).toBe(404);
      expect((await call(forwarding, undefined, '/v1/Webhook')).status).toBe(401);
      expect(seen).toEqual([
        { ctx: NORDLYS.ctx, method: 'POST', subpath: '', body: { Name: 'x' }, associateId: SIRI.associateId },
        { ctx: NORDLYS.ctx, method: 'DELETE', subpath: '/1', body: undefined, associateId: SIRI.associateId },
        { ctx: NORDLYS.ctx, method: 'GET', subpath: '/nope', body: undefined, associateId: SIRI.associateId },
      ]);
    } finally {
      await forwarding.close();
    }
  });
});
