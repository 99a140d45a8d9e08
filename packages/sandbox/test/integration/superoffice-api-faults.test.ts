import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SuperOfficeApiServer } from '../../src/superoffice/api/index.js';
import type { SuperOfficeWorld } from '../../src/superoffice/world.js';
import { type Auth, call, json, NORDLYS, startTestApi, userToken } from './superoffice-api-helpers.js';

let world: SuperOfficeWorld;
let api: SuperOfficeApiServer;
let auth: Auth;

beforeAll(async () => {
  ({ world, api } = await startTestApi({ contacts: 10, seed: 7 }));
});
afterAll(() => api.close());
beforeEach(() => {
  world.reset();
  auth = { bearer: userToken(world) };
});

describe('SuperOffice tenant API: faults (superoffice.md §16, §23.6)', () => {
  it('fails the next matching calls exactly as asked: 429 with Retry-After, 503, then normal', async () => {
    api.faults.set({ retryAfterSeconds: 3 });
    api.faults.failNext(1, { status: 429, method: 'GET', pathPrefix: '/v1/Contact' });
    api.faults.failNext(1, { status: 503 });
    const limited = await call(api, auth, '/v1/Contact/1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await json(limited)).toMatchObject({ Error: true, ErrorType: 'TooManyRequests' });
    expect((await call(api, auth, '/v1/List/Business/Items')).status).toBe(503);
    expect((await call(api, auth, '/v1/Contact/1')).status).toBe(200);
    expect(api.faults.counters.statuses).toEqual({ 429: 1, 503: 1 });
  });

  it('resets the connection, and can apply a write before dropping the answer', async () => {
    api.faults.failNext(1, { reset: true });
    await expect(call(api, auth, '/v1/Contact/1')).rejects.toThrow();
    api.faults.failNext(1, { commitThenDrop: true, method: 'POST' });
    const before = api.data.tenant(NORDLYS.ctx).contacts.size;
    await expect(
      call(api, auth, '/v1/Contact', { method: 'POST', body: { Name: 'Ghost AS' } }),
    ).rejects.toThrow();
    expect(api.data.tenant(NORDLYS.ctx).contacts.size).toBe(before + 1);
  });

  it('injects seeded probabilistic faults: the same seed gives the same sequence', async () => {
    const run = async () => {
      world.reset();
      const token = { bearer: userToken(world) };
      api.faults.set({ errorRates: { 503: 0.3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(api, token, '/v1/Contact/1')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('adds latency', async () => {
    api.faults.set({ latencyMs: 60 });
    const started = performance.now();
    await call(api, auth, '/v1/Contact/1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('does not inject faults before authentication', async () => {
    api.faults.failNext(1, { status: 503 });
    expect((await call(api, undefined, '/v1/Contact/1')).status).toBe(401);
    expect((await call(api, auth, '/v1/Contact/1')).status).toBe(503);
  });
});

describe('SuperOffice tenant API: reset', () => {
  it('world.reset() restores the seeded records, settings and faults', async () => {
    const original = api.data.tenant(NORDLYS.ctx).contacts.get(2);
    await call(api, auth, '/v1/Contact/2', { method: 'PUT', body: { Name: 'Changed' } });
    await call(api, auth, '/v1/Contact', { method: 'POST', body: { Name: 'New' } });
    api.data.updatedOnCreate = true;
    api.faults.set({ errorRates: { 503: 1 } });
    world.reset();
    expect(api.data.tenant(NORDLYS.ctx).contacts.get(2)).toEqual(original);
    expect(api.data.tenant(NORDLYS.ctx).contacts.size).toBe(10);
    expect(api.data.updatedOnCreate).toBe(false);
    expect((await call(api, { bearer: userToken(world) }, '/v1/Contact/2')).status).toBe(200);
  });
});
