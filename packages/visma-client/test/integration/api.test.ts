import type { Sandbox } from '@databridge/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VismaAuth, VismaConnection } from '../../src/index.js';
import {
  ADA,
  BEN,
  connectInteractive,
  legacyStyleToken,
  NORDLYS,
  NORDLYS_EIENDOM,
  RequestCounter,
  rejection,
  sandboxClient,
  startTestSandbox,
  WEB_APP,
} from './sandbox-fixture.js';

let sandbox: Sandbox;
let auth: VismaAuth;
let connection: VismaConnection;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  ({ auth, connection } = await connectInteractive(sandbox, BEN));
});

describe('typed resources against the Visma.net lookalike', () => {
  it('lists every customer through the pager, and only changed ones with modifiedSince', async () => {
    const client = sandboxClient(sandbox, auth, connection);
    const table = sandbox.visma.api.data.company(NORDLYS.tenantId).customers;
    const all = await client.customers.list({ pageSize: 7 }).toArray({ limit: 10_000 });
    expect(all.map((customer) => customer.number)).toEqual(table.all().map((customer) => customer.number));
    expect(new Set(all.map((customer) => customer.internalId)).size).toBe(all.length);

    const since = new Date(Date.now() - 1_000);
    const changed = table.all()[3];
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    table.modify(changed?.number ?? '', (customer) => {
      customer.name = 'Endret AS';
    });
    const recent = await client.customers.list({ modifiedSince: since }).toArray({ limit: 100 });
    expect(recent.map((customer) => customer.name)).toEqual(['Endret AS']);
  });

  it('creates with DtoValue, reads back with the ETag, updates partially, and maps a stale If-Match to conflict', async () => {
    const client = sandboxClient(sandbox, auth, connection);
    const created = await client.customers.create({
      name: 'Fjordkraft Handel AS',
      corporateId: '987654321',
      mainAddress: { addressLine1: 'Strandgata 1', postalCode: '5013', city: 'Bergen', countryId: 'NO' },
    });
    expect(created.location).toContain(`/customer/${created.id}`);
    const read = await client.customers.get(created.id);
    expect(read).toMatchObject({
      number: created.id,
      name: 'Fjordkraft Handel AS',
      corporateId: '987654321',
    });
    expect(read.mainAddress?.city).toBe('Bergen');

    const updated = await client.customers.update(
      created.id,
      { name: 'Fjordkraft AS' },
      { ifMatch: read.etag ?? '' },
    );
    expect(updated.etag).toEqual(expect.any(String));
    expect(updated.etag).not.toBe(read.etag);
    expect((await client.customers.get(created.id)).corporateId).toBe('987654321'); // untouched: PUT is partial

    const stale = await rejection(
      client.customers.update(created.id, { name: 'Too late AS' }, { ifMatch: read.etag ?? '' }),
    );
    expect(stale).toMatchObject({ kind: 'conflict', status: 412, retryable: false });
  });

  it('turns a refused write into validation with the VismaId', async () => {
    const client = sandboxClient(sandbox, auth, connection);
    const error = await rejection(client.customers.create({ name: '' }));
    expect(error.kind).toBe('validation');
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.detail).toContain('cannot be empty');
  });

  it('a missing record is not_found', async () => {
    const client = sandboxClient(sandbox, auth, connection);
    expect((await rejection(client.customers.get('does-not-exist'))).kind).toBe('not_found');
  });
});

describe('company scope and permission stories', () => {
  it('refuses a token for another company without sending anything', async () => {
    const counter = new RequestCounter();
    const client = sandboxClient(sandbox, auth, connection, {
      companyId: NORDLYS_EIENDOM.tenantId,
      fetch: counter.fetch,
    });
    const error = await rejection(client.customers.get('10001'));
    expect(error.kind).toBe('tenant');
    expect(error.message).toContain('nothing was sent');
    expect(counter.total()).toBe(0);
  });

  it('a legacy-style token (no company in it) → reauth_required: the ipp-company-id story', async () => {
    const legacy: VismaConnection = {
      ...connection,
      tokens: { ...connection.tokens, accessToken: legacyStyleToken(sandbox, BEN.sub, WEB_APP.clientId) },
    };
    const error = await rejection(
      sandboxClient(sandbox, auth, legacy).customerClasses.list().toArray({ limit: 5 }),
    );
    expect(error).toMatchObject({ kind: 'reauth_required', faultCode: '12002', status: 400 });
    expect(error.detail).toContain('ipp-company-id');
    expect(error.remedy).toContain("'API User' role");
  });

  it('the API User role taken away → permission naming the user, the role and the company; restored → ok', async () => {
    const adas = await connectInteractive(sandbox, { ...ADA, tenantId: NORDLYS.tenantId });
    const client = sandboxClient(sandbox, adas.auth, adas.connection, { companyName: NORDLYS.name });
    sandbox.visma.world.setRole(ADA.sub, NORDLYS.tenantId, 'API User', false);
    const error = await rejection(client.customerClasses.list().toArray({ limit: 5 }));
    expect(error).toMatchObject({ kind: 'permission', faultCode: '12027' });
    expect(error.remedy).toContain(
      `Give user ${ADA.email} the 'API User' role for company ${NORDLYS.name} (${NORDLYS.tenantId})`,
    );
    sandbox.visma.world.setRole(ADA.sub, NORDLYS.tenantId, 'API User', true);
    expect((await client.customerClasses.list().toArray({ limit: 5 })).length).toBeGreaterThan(0);
  });
});

describe('throttling and retries', () => {
  it('never sends a request while the hourly budget is spent: it waits for the window instead', async () => {
    sandbox.visma.api.rateLimits.configure({ budget: 4, windowSeconds: 1 });
    const client = sandboxClient(sandbox, auth, connection);
    const started = Date.now();
    for (let call = 0; call < 10; call++)
      await client.request({ method: 'GET', path: '/customer/customerClass' });
    const counters = sandbox.visma.api.rateLimits.counters(NORDLYS.tenantId);
    expect(counters.requests).toBe(10);
    expect(counters.throttled).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000); // 10 calls at 4 per window span at least 2 windows
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    sandbox.visma.api.faults.set({ retryAfterSeconds: 1 });
    sandbox.visma.api.faults.failNext(1, { status: 429 });
    const client = sandboxClient(sandbox, auth, connection);
    const started = Date.now();
    await expect(client.request({ method: 'GET', path: '/customer/customerClass' })).resolves.toMatchObject({
      status: 200,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.visma.api.faults.counters.statuses[429]).toBe(1);
  });

  it('retries 502/503/504 and connection resets on a GET', async () => {
    const counter = new RequestCounter();
    sandbox.visma.api.faults.failNext(1, { status: 502 });
    sandbox.visma.api.faults.failNext(1, { status: 503 });
    sandbox.visma.api.faults.failNext(1, { reset: true });
    const client = sandboxClient(sandbox, auth, connection, { fetch: counter.fetch });
    const classes = await client.customerClasses.list().toArray({ limit: 50 });
    expect(classes.length).toBeGreaterThan(0);
    expect(counter.count('GET /v1/customer/customerClass')).toBe(4);
  });

  it('never retries a POST: a 503 and a reset each reach the caller after one attempt', async () => {
    const counter = new RequestCounter();
    const client = sandboxClient(sandbox, auth, connection, { fetch: counter.fetch });
    sandbox.visma.api.faults.failNext(1, { status: 503, method: 'POST' });
    const unavailable = await rejection(client.customers.create({ name: 'Once AS' }));
    expect(unavailable).toMatchObject({ kind: 'transient', retryable: false, status: 503 });
    sandbox.visma.api.faults.failNext(1, { commitThenDrop: true, method: 'POST' });
    const dropped = await rejection(client.customers.create({ name: 'Maybe AS' }));
    expect(dropped).toMatchObject({ kind: 'transient', retryable: false, status: 0 });
    expect(dropped.remedy).toContain('look the record up before sending it again');
    expect(counter.count('POST /v1/customer')).toBe(2);
    // The dropped write was applied: exactly one "Maybe AS" exists, so the caller must look before re-creating.
    const maybe = sandbox.visma.api.data
      .company(NORDLYS.tenantId)
      .customers.all()
      .filter((customer) => customer.name === 'Maybe AS');
    expect(maybe).toHaveLength(1);
  });
});
