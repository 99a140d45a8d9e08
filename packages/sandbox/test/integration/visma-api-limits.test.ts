import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VismaApiServer } from '../../src/visma/api/index.js';
import type { VismaWorld } from '../../src/visma/world.js';
import {
  ADA,
  body,
  call,
  EIENDOM,
  NORDLYS,
  SERVICE_CLIENT,
  serviceToken,
  startTestApi,
  userToken,
  wrap,
} from './visma-api-helpers.js';

let world: VismaWorld;
let api: VismaApiServer;
let token: string;

beforeAll(async () => {
  ({ world, api } = await startTestApi({ customers: 20 }));
});
afterAll(() => api.close());
beforeEach(async () => {
  world.reset();
  token = await serviceToken(world);
});

const company = () => api.data.company(NORDLYS.tenantId);
const limitHeaders = (response: Response) => ({
  limit: response.headers.get('x-ratelimit-limit'),
  remaining: response.headers.get('x-ratelimit-remaining'),
  reset: response.headers.get('x-ratelimit-reset'),
  policy: response.headers.get('x-ratelimit-policy'),
});

describe('Visma.net API lookalike: rate limits (visma-net.md §4)', () => {
  it('sends X-RateLimit-* on every response, counting down per (tenant, client)', async () => {
    const first = await call(api, token, '/customer?pageSize=1');
    expect(limitHeaders(first)).toEqual({
      limit: '15000',
      remaining: '14999',
      reset: '3600',
      policy: '4-fixed-window',
    });
    const error = await call(api, token, '/customer/nope');
    expect(error.status).toBe(404);
    expect(limitHeaders(error)).toMatchObject({ remaining: '14998', policy: '4-fixed-window' });
    const unauthenticated = await call(api, undefined, '/customer');
    expect(limitHeaders(unauthenticated)).toMatchObject({ limit: '15000', remaining: '15000' });
    expect(api.rateLimits.counters(NORDLYS.tenantId)).toEqual({ requests: 2, throttled: 0 });
  });

  it('answers 429 with Retry-After once the budget is spent, per tenant and client, until the window resets', async () => {
    api.rateLimits.configure({ budget: 3, windowSeconds: 1 });
    for (const remaining of ['2', '1', '0']) {
      const response = await call(api, token, '/customer?pageSize=1');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-remaining')).toBe(remaining);
    }
    const throttled = await call(api, token, '/customer?pageSize=1');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(limitHeaders(throttled)).toEqual({
      limit: '3',
      remaining: '0',
      reset: '1',
      policy: '4-fixed-window',
    });
    expect(await body(throttled)).toEqual({
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 1 seconds.',
    });
    expect(api.rateLimits.counters(NORDLYS.tenantId)).toEqual({ requests: 4, throttled: 1 });
    // Other companies and other clients have their own windows.
    expect(
      (await call(api, await serviceToken(world, EIENDOM.tenantId), '/customer?pageSize=1')).status,
    ).toBe(200);
    expect(
      (await call(api, await userToken(world, ADA.sub, NORDLYS.tenantId), '/customer?pageSize=1')).status,
    ).toBe(200);
    await sleep(1050);
    const again = await call(api, token, '/customer?pageSize=1');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(api.rateLimits.totals()).toEqual({ requests: 7, throttled: 1 });
  });

  it('can spend a window on demand, and world.reset() restores budgets and counters', async () => {
    api.rateLimits.exhaust(NORDLYS.tenantId, SERVICE_CLIENT);
    expect((await call(api, token, '/customer')).status).toBe(429);
    api.rateLimits.configure({ budget: 1 });
    world.reset();
    expect(api.rateLimits.budget).toBe(15_000);
    expect(api.rateLimits.totals()).toEqual({ requests: 0, throttled: 0 });
    expect((await call(api, await serviceToken(world), '/customer?pageSize=1')).status).toBe(200);
  });
});

describe('Visma.net API lookalike: fault injection (lessons-from-peers.md §16)', () => {
  it('failNext injects each status with its body shape, then stops', async () => {
    api.faults.failNext(1, { status: 502 });
    api.faults.failNext(1, { status: 503 });
    api.faults.failNext(1, { status: 504 });
    api.faults.failNext(1, { status: 500 });
    api.faults.failNext(1, { status: 429 });
    const r502 = await call(api, token, '/customer');
    expect(r502.status).toBe(502);
    expect(r502.headers.get('content-type')).toBe('text/html');
    expect(await r502.text()).toContain('<title>502 Bad Gateway</title>');
    expect(r502.headers.get('ipp-request-id')).toBeNull();
    expect(r502.headers.get('x-ratelimit-policy')).toBe('4-fixed-window');
    const r503 = await call(api, token, '/customer');
    expect(r503.status).toBe(503);
    expect(await r503.text()).toBe('');
    const r504 = await call(api, token, '/customer');
    expect(await r504.text()).toContain('504 Gateway Time-out');
    const r500 = await call(api, token, '/customer');
    expect(await body(r500)).toEqual({ Message: 'An error has occurred.' });
    const r429 = await call(api, token, '/customer');
    expect(r429.status).toBe(429);
    expect(r429.headers.get('retry-after')).toBe('1');
    expect((await call(api, token, '/customer?pageSize=1')).status).toBe(200);
    expect(api.faults.counters.statuses).toEqual({ 500: 1, 502: 1, 503: 1, 504: 1, 429: 1 });
    // Gateway faults are not counted against the budget.
    expect(api.rateLimits.counters(NORDLYS.tenantId).requests).toBe(1);
  });

  it('failNext honours method and path filters', async () => {
    api.faults.failNext(1, { status: 503, method: 'post', pathPrefix: '/v1/customer' });
    expect((await call(api, token, '/customer?pageSize=1')).status).toBe(200);
    expect(
      (await call(api, token, '/contact', { method: 'POST', body: wrap({ lastName: 'X' }) })).status,
    ).toBe(201);
    expect((await call(api, token, '/customer', { method: 'POST', body: wrap({ name: 'Y' }) })).status).toBe(
      503,
    );
    expect((await call(api, token, '/customer', { method: 'POST', body: wrap({ name: 'Y' }) })).status).toBe(
      201,
    );
  });

  it('reset destroys the connection: fetch rejects and nothing is written', async () => {
    api.faults.failNext(1, { reset: true });
    await expect(
      call(api, token, '/customer', { method: 'POST', body: wrap({ name: 'Aldri AS' }) }),
    ).rejects.toThrow();
    expect(
      company()
        .customers.all()
        .some((c) => c.name === 'Aldri AS'),
    ).toBe(false);
    expect(api.faults.counters.resets).toBe(1);
  });

  it('commit-then-drop applies the write, then drops the connection (ambiguous write)', async () => {
    api.faults.failNext(1, { commitThenDrop: true, method: 'POST' });
    await expect(
      call(api, token, '/customer', { method: 'POST', body: wrap({ name: 'Tvetydig AS' }) }),
    ).rejects.toThrow();
    expect(company().customers.get('10021')?.name).toBe('Tvetydig AS');
    // Look up before re-creating (visma-net.md §5.5):
    const found = await body<Array<{ number: string }>>(
      await call(api, token, '/customer?name=Tvetydig%20AS'),
    );
    expect(found.map((c) => c.number)).toEqual(['10021']);

    api.faults.set({ commitThenDropRate: 1 });
    await expect(
      call(api, token, '/customer/10001', { method: 'PUT', body: wrap({ name: 'Endret AS' }) }),
    ).rejects.toThrow();
    expect(company().customers.get('10001')?.name).toBe('Endret AS');
    expect((await call(api, token, '/customer/10001')).status).toBe(200);
    expect(api.rateLimits.counters(NORDLYS.tenantId).requests).toBe(4);
  });

  it('rates are seeded and deterministic; clear() and world.reset() remove them', async () => {
    const run = async () => {
      api.faults.clear();
      api.faults.set({ errorRates: { 502: 0.3, 503: 0.2 }, resetRate: 0.1 });
      const outcomes: Array<number | 'reset'> = [];
      for (let i = 0; i < 20; i++) {
        outcomes.push(
          await call(api, token, '/customer?pageSize=1').then(
            (r) => r.status,
            () => 'reset' as const,
          ),
        );
      }
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(502);
    expect(first).toContain(503);
    api.faults.clear();
    expect((await call(api, token, '/customer?pageSize=1')).status).toBe(200);
    api.faults.set({ resetRate: 1 });
    world.reset();
    expect((await call(api, await serviceToken(world), '/customer?pageSize=1')).status).toBe(200);
  });

  it('adds latency, and leaves non-/v1 paths alone', async () => {
    api.faults.set({ latencyMs: 60, jitterMs: 10, errorRates: { 502: 1 } });
    const started = performance.now();
    expect((await call(api, token, '/customer')).status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect((await fetch(api.url.replace(/\/v1$/, '/health'))).status).toBe(404);
    expect(() => api.faults.set({ resetRate: 2 })).toThrow(/\[0, 1\]/);
  });
});
