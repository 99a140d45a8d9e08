import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';

describe('startSandbox', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('answers its health check over real HTTP on loopback', async () => {
    sandbox = await startSandbox();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${sandbox.url}/_sandbox/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      visma: { issuer: sandbox.visma.issuer, apiBaseUrl: sandbox.visma.apiBaseUrl },
      superOffice: {
        issuer: sandbox.superOffice.issuer,
        tenantHosts: [sandbox.superOffice.api.hostUrl(0), sandbox.superOffice.api.hostUrl(1)],
      },
    });
    expect(sandbox.visma.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const discovery = await fetch(`${sandbox.visma.issuer}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(sandbox.visma.issuer);
  });

  it('answers unknown routes with a JSON 404 naming the route', async () => {
    sandbox = await startSandbox();
    const response = await fetch(`${sandbox.url}/nope`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'No sandbox route for POST /nope' });
  });

  it('frees its port on close, and close can be called twice', async () => {
    sandbox = await startSandbox();
    const { url } = sandbox;
    await sandbox.close();
    await sandbox.close();
    await expect(fetch(`${url}/_sandbox/health`)).rejects.toThrow();
    sandbox = undefined;
  });
});

describe('sandbox control API', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('takes a role away and gives it back, and names what is missing in bad requests', async () => {
    sandbox = await startSandbox();
    const { world } = sandbox.visma;
    const ben = world.userByEmail('ben@nordlys.example');
    const tenantId = '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01';
    const removed = await post(`${sandbox.url}/_sandbox/visma/role`, {
      email: 'ben@nordlys.example',
      tenantId,
      role: 'API User',
      granted: false,
    });
    expect(removed.status).toBe(200);
    expect(world.hasRole(ben?.sub ?? '', tenantId, 'API User')).toBe(false);
    const bad = await post(`${sandbox.url}/_sandbox/visma/role`, { email: 'nobody@example.com' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('Give email');
    await post(`${sandbox.url}/_sandbox/reset`, {});
    expect(world.hasRole(ben?.sub ?? '', tenantId, 'API User')).toBe(true);
  });

  it('revokes a grant by client id and e-mail', async () => {
    sandbox = await startSandbox();
    const response = await post(`${sandbox.url}/_sandbox/visma/revoke`, {
      clientId: 'isv_databridge',
      email: 'ada@nordlys.example',
    });
    expect(await response.json()).toEqual({
      revoked: { clientId: 'isv_databridge', email: 'ada@nordlys.example' },
    });
  });
});

describe('sandbox control API: SuperOffice', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('suspends and moves a tenant, revokes consent, and refuses bad input', async () => {
    sandbox = await startSandbox();
    const { world } = sandbox.superOffice;
    const moved = await post(`${sandbox.url}/_sandbox/superoffice/tenant`, {
      ctx: 'Cust12345',
      state: 'Suspended',
      move: true,
    });
    expect(await moved.json()).toEqual({ ctx: 'Cust12345', state: 'Suspended', hostIndex: 1 });
    const state = await fetch(`${sandbox.superOffice.issuer}/api/state/Cust12345`);
    expect(await state.json()).toMatchObject({ State: 'Suspended', IsRunning: false });
    const bad = await post(`${sandbox.url}/_sandbox/superoffice/tenant`, {
      ctx: 'Cust12345',
      state: 'Sleeping',
    });
    expect(bad.status).toBe(400);
    await post(`${sandbox.url}/_sandbox/superoffice/revoke`, {
      clientId: 'databridge-superoffice',
      ctx: 'Cust12345',
    });
    expect(world.apps.get('databridge-superoffice')?.consents.has('Cust12345')).toBe(false);
    sandbox.reset();
    expect(world.tenants.get('Cust12345')).toMatchObject({ state: 'Running', hostIndex: 0 });
  });
});
