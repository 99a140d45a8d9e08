import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '@databridge/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createSuperOfficeClient,
  type SuperOfficeAuth,
  type SuperOfficeUserConnection,
} from '../../src/index.js';
import {
  connectUser,
  RequestCounter,
  rejection,
  sandboxAuth,
  sandboxClient,
  startTestSandbox,
} from './sandbox-fixture.js';

let sandbox: Sandbox;
let auth: SuperOfficeAuth;
let connection: SuperOfficeUserConnection;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  auth = await sandboxAuth(sandbox);
  connection = await connectUser(sandbox, auth);
});

const principal = { method: 'GET', path: '/v1/User/currentPrincipal' } as const;

describe('throttle and retries', () => {
  it('spaces calls to the configured rate per tenant (guidance: 10 per second)', async () => {
    const client = sandboxClient({ auth, connection, requestsPerSecond: 5 });
    const started = Date.now();
    for (let call = 0; call < 6; call++) await client.request(principal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries 503 and connection resets on a GET', async () => {
    const counter = new RequestCounter();
    const client = sandboxClient({ auth, connection, fetch: counter.fetch });
    sandbox.superOffice.api.faults.failNext(2, { status: 503 });
    sandbox.superOffice.api.faults.failNext(1, { reset: true });
    await expect(client.request(principal)).resolves.toMatchObject({ status: 200 });
    expect(counter.count('/v1/User/currentPrincipal')).toBe(4);
  });

  it('honours Retry-After on a 429', async () => {
    sandbox.superOffice.api.faults.set({ retryAfterSeconds: 1 });
    sandbox.superOffice.api.faults.failNext(1, { status: 429 });
    const client = sandboxClient({ auth, connection });
    const started = Date.now();
    await client.request(principal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('never retries a POST', async () => {
    const counter = new RequestCounter();
    const client = sandboxClient({ auth, connection, fetch: counter.fetch });
    sandbox.superOffice.api.faults.failNext(1, { status: 503, method: 'POST' });
    const error = await rejection(client.contacts.create({ Name: 'Bare én gang AS' }));
    expect(error).toMatchObject({ kind: 'transient', retryable: false, status: 503 });
    expect(counter.count('POST /Cust12345/api/v1/Contact')).toBe(1);
  });
});

describe('onsite installations', () => {
  it('calls the installation base with basic auth, and a refused password is reauth_required', async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      const ok = request.headers.authorization === `Basic ${Buffer.from('admin:pa55').toString('base64')}`;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      response.end(ok ? JSON.stringify({ AssociateId: 1, Url: request.url }) : '');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sites/crm/api`;
    try {
      const client = createSuperOfficeClient({
        connection: {
          kind: 'onsite',
          tenant: 'onsite-crm',
          webApiUrl: base,
          credentials: { username: 'admin', password: 'pa55' },
        },
      });
      await expect(client.request(principal)).resolves.toMatchObject({
        body: { Url: '/sites/crm/api/v1/User/currentPrincipal' },
      });
      const refused = createSuperOfficeClient({
        connection: {
          kind: 'onsite',
          tenant: 'onsite-crm',
          webApiUrl: base,
          credentials: { username: 'admin', password: 'wrong' },
        },
      });
      const error = await rejection(refused.request(principal));
      expect(error.kind).toBe('reauth_required');
      expect(JSON.stringify(error.toJSON())).not.toContain('wrong');
    } finally {
      server.close();
    }
  });
});
