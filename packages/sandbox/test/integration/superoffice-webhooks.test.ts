import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, listenOnLoopback } from '../../src/server/loopback.js';
import { SUPEROFFICE_SEED } from '../../src/superoffice/seed.js';
import {
  type SuperOfficeWebhookEntity,
  SuperOfficeWebhooks,
  type SuperOfficeWebhooksOptions,
  type WebhookRouteRequest,
} from '../../src/superoffice/webhooks/index.js';
import { SuperOfficeWorld } from '../../src/superoffice/world.js';

interface Hit {
  readonly at: number;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly json: Record<string, unknown>;
}

/** A loopback receiver: records every POST; test POSTs get 200, deliveries get `status(n)` for the n-th one. */
class Receiver {
  readonly hits: Hit[] = [];
  status: (deliveryIndex: number) => number = () => 200;
  #server: LoopbackServer | undefined;

  async start(): Promise<void> {
    this.#server = await listenOnLoopback((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const hit = {
          at: Date.now(),
          headers: request.headers,
          raw,
          json: JSON.parse(raw) as Record<string, unknown>,
        };
        const isTest = request.headers['x-superoffice-event'] === 'test';
        const status = isTest ? 200 : this.status(this.deliveries().length);
        this.hits.push(hit);
        response.writeHead(status).end();
      });
    });
  }

  get url(): string {
    if (!this.#server) throw new Error('receiver not started');
    return `${this.#server.url}/hook`;
  }

  deliveries(): Hit[] {
    return this.hits.filter((hit) => hit.headers['x-superoffice-event'] !== 'test');
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }
}

const CTX = 'Cust12345';
const SECRET = 'so-secret-123';
const world = new SuperOfficeWorld(SUPEROFFICE_SEED);
const receiver = new Receiver();
let hooks: SuperOfficeWebhooks | undefined;

function start(options: SuperOfficeWebhooksOptions = {}): SuperOfficeWebhooks {
  hooks = new SuperOfficeWebhooks(world, { retryDelaysMs: [20, 40], requeueDelayMs: 30, ...options });
  return hooks;
}

async function call(
  webhooks: SuperOfficeWebhooks,
  request: Partial<WebhookRouteRequest> & Pick<WebhookRouteRequest, 'method'>,
) {
  return webhooks.route({ ctx: CTX, subpath: '', body: undefined, associateId: 5, ...request });
}

async function register(webhooks: SuperOfficeWebhooks, body: Record<string, unknown> = {}) {
  const response = await call(webhooks, {
    method: 'POST',
    body: {
      Name: 'databridge',
      Events: ['contact.changed'],
      TargetUrl: receiver.url,
      Secret: SECRET,
      ...body,
    },
  });
  expect(response?.status).toBe(200);
  return response?.body as SuperOfficeWebhookEntity;
}

function publish(event = 'contact.changed', ctx = CTX): void {
  world.publish({ event, ctx, primaryKey: 123, entity: event.split('.')[0] ?? '', changedByAssociateId: 7 });
}

function hmac(raw: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(raw).digest('base64');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => receiver.start());
afterAll(() => receiver.stop());
afterEach(() => {
  hooks?.close();
  hooks = undefined;
  world.reset();
  receiver.hits.length = 0;
  receiver.status = () => 200;
});

describe('SuperOffice webhooks: registry', () => {
  it('registers after a signed test POST and serves list, get and default', async () => {
    const webhooks = start();
    const created = await register(webhooks, { Headers: { 'X-Api-Key': 'k1' } });
    expect(created).toMatchObject({
      WebhookId: 1,
      Name: 'databridge',
      Events: ['contact.changed'],
      TargetUrl: receiver.url,
      Secret: SECRET,
      State: 'Active',
      Type: 'webhook',
      TotalCalls: 0,
      ConsecutiveErrors: 0,
      LastError: null,
      RegisteredAssociate: { AssociateId: 5 },
    });
    const [test] = receiver.hits;
    expect(test?.json).toMatchObject({ Event: 'test', ContextIdentifier: CTX, WebhookName: 'databridge' });
    expect(test?.headers['x-superoffice-signature']).toBe(hmac(test?.raw ?? ''));
    expect(test?.headers['x-api-key']).toBe('k1');

    expect((await call(webhooks, { method: 'GET' }))?.body).toEqual([created]);
    expect((await call(webhooks, { method: 'GET', subpath: '/1' }))?.body).toEqual(created);
    expect((await call(webhooks, { method: 'GET', subpath: '/1', ctx: 'Cust67890' }))?.status).toBe(404);
    const defaults = (await call(webhooks, { method: 'GET', subpath: '/default' }))?.body;
    expect(defaults).toMatchObject({ WebhookId: 0, State: 'Active', Type: 'webhook', Events: [] });
    expect(await call(webhooks, { method: 'GET', subpath: '/1/2/3' })).toBeUndefined();
  });

  it('refuses a non-loopback target with a 400 naming the rule, without calling it', async () => {
    const webhooks = start();
    const response = await call(webhooks, {
      method: 'POST',
      body: { Name: 'x', Events: ['contact.changed'], TargetUrl: 'https://example.com/hook' },
    });
    expect(response?.status).toBe(400);
    expect(response?.body).toMatchObject({
      Error: true,
      ErrorMessage: expect.stringContaining('only delivers webhooks to loopback target URLs'),
    });
    expect(webhooks.deliveries()).toHaveLength(0);
    const test = await call(webhooks, {
      method: 'POST',
      subpath: '/Test',
      body: { Name: 'x', Events: ['test'], TargetUrl: 'http://10.0.0.1/' },
    });
    expect(test?.status).toBe(400);
  });

  it('refuses registration when the test POST is not answered 200', async () => {
    const webhooks = start();
    const response = await call(webhooks, {
      method: 'POST',
      body: {
        Name: 'x',
        Events: ['contact.changed'],
        TargetUrl: `${new URL(receiver.url).origin.replace(/:\d+$/, ':1')}/`,
      },
    });
    expect(response?.status).toBe(400);
    expect(response?.body).toMatchObject({
      ErrorMessage: expect.stringContaining('did not answer the test POST with 200'),
    });
    expect((await call(webhooks, { method: 'GET' }))?.body).toEqual([]);
  });

  it('updates with PUT and PATCH (JSON Patch test → 409, merge patch) and deletes', async () => {
    const webhooks = start();
    await register(webhooks);
    const put = await call(webhooks, {
      method: 'PUT',
      subpath: '/1',
      body: { Name: 'renamed', Events: ['contact.created'], TargetUrl: receiver.url },
    });
    expect(put?.body).toMatchObject({ Name: 'renamed', Events: ['contact.created'], Secret: '' });
    const conflict = await call(webhooks, {
      method: 'PATCH',
      subpath: '/1',
      body: [{ op: 'test', path: 'Name', value: 'other' }],
    });
    expect(conflict?.status).toBe(409);
    const patched = await call(webhooks, {
      method: 'PATCH',
      subpath: '/1',
      body: [
        { op: 'test', path: '/name', value: 'renamed' },
        { op: 'add', path: 'events/-', value: 'person.changed' },
        { op: 'replace', path: 'State', value: 'Stopped' },
      ],
    });
    expect(patched?.body).toMatchObject({ Events: ['contact.created', 'person.changed'], State: 'Stopped' });
    const merged = await call(webhooks, {
      method: 'PATCH',
      subpath: '/1',
      body: { state: 1, Description: 'd' },
    });
    expect(merged?.body).toMatchObject({ State: 'Active', Description: 'd' });
    expect((await call(webhooks, { method: 'DELETE', subpath: '/1' }))?.status).toBe(204);
    expect((await call(webhooks, { method: 'GET', subpath: '/1' }))?.status).toBe(404);
  });
});

describe('SuperOffice webhooks: delivery', () => {
  it('POSTs the documented payload with headers and a verifiable signature to matching webhooks only', async () => {
    const webhooks = start();
    await register(webhooks, { Properties: { ApiKey: 'p1' } });
    await register(webhooks, { Name: 'other', Events: ['person.created'], Secret: '' });
    receiver.hits.length = 0;
    publish('contact.changed');
    publish('contact.changed', 'Cust67890');
    publish('sale.created');
    await webhooks.whenIdle();

    expect(receiver.deliveries()).toHaveLength(1);
    const [hit] = receiver.deliveries();
    if (!hit) throw new Error('no delivery');
    expect(hit.json).toEqual({
      ApiKey: 'p1',
      EventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      Changes: [],
      Event: 'contact.changed',
      PrimaryKey: 123,
      Entity: 'contact',
      ContextIdentifier: CTX,
      ChangedByAssociateId: 7,
      WebhookName: 'databridge',
      FieldValues: { contact_id: 123 },
    });
    expect(hit.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'user-agent': expect.stringMatching(/^NetServer-Webhook\//),
      'x-superoffice-event': 'contact.changed',
      'x-superoffice-eventid': hit.json.EventId,
      'x-superoffice-retry': '0',
      'x-superoffice-signature': hmac(hit.raw),
    });
    expect(hit.headers['x-superoffice-signature']).not.toBe(hmac(hit.raw, 'wrong'));
    expect(webhooks.webhook(CTX, 1)).toMatchObject({ TotalCalls: 1, TotalErrors: 0, ConsecutiveErrors: 0 });

    publish('person.created');
    await webhooks.whenIdle();
    const unsigned = receiver.deliveries()[1];
    expect(unsigned?.json.WebhookName).toBe('other');
    expect(unsigned?.headers['x-superoffice-signature']).toBeUndefined();
  });

  it('retries after the delays, re-queues with a new EventId and stops at TooManyErrors after 9 failures', async () => {
    const webhooks = start();
    await register(webhooks);
    receiver.hits.length = 0;
    receiver.status = () => 500;
    publish();
    await webhooks.whenIdle();

    const hits = receiver.deliveries();
    expect(hits).toHaveLength(9);
    expect(hits.map((hit) => hit.headers['x-superoffice-retry'])).toEqual([
      '0',
      '1',
      '2',
      '0',
      '1',
      '2',
      '0',
      '1',
      '2',
    ]);
    const ids = hits.map((hit) => hit.json.EventId);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(new Set([ids[0], ids[3], ids[6]]).size).toBe(3);
    for (const hit of hits) expect(hit.headers['x-superoffice-signature']).toBe(hmac(hit.raw));
    const gap = (index: number) => (hits[index]?.at ?? 0) - (hits[index - 1]?.at ?? 0);
    expect(gap(1)).toBeGreaterThanOrEqual(18);
    expect(gap(2)).toBeGreaterThanOrEqual(38);
    expect(gap(3)).toBeGreaterThanOrEqual(28);

    expect(webhooks.webhook(CTX, 1)).toMatchObject({
      State: 'TooManyErrors',
      TotalCalls: 9,
      TotalErrors: 9,
      ConsecutiveErrors: 9,
      LastError: 'HTTP 500 Internal Server Error',
    });
    expect((await call(webhooks, { method: 'GET', subpath: '/1/LastError' }))?.body).toBe(
      'HTTP 500 Internal Server Error',
    );
    publish();
    await sleep(60);
    expect(receiver.deliveries()).toHaveLength(9);
    expect(webhooks.deliveries({ kind: 'event', webhookId: 1 })).toHaveLength(9);

    // Someone sets it back to Active: deliveries resume with a clean count.
    receiver.status = () => 200;
    await call(webhooks, { method: 'PATCH', subpath: '/1', body: { State: 'Active' } });
    publish();
    await webhooks.whenIdle();
    expect(receiver.deliveries()).toHaveLength(10);
    expect(webhooks.webhook(CTX, 1)).toMatchObject({ State: 'Active', ConsecutiveErrors: 0, TotalCalls: 10 });
  });

  it('a success resets the consecutive failure count', async () => {
    const webhooks = start({ maxConsecutiveFailures: 3 });
    await register(webhooks);
    receiver.hits.length = 0;
    receiver.status = (index) => (index < 2 ? 503 : 200);
    publish();
    await webhooks.whenIdle();
    expect(receiver.deliveries()).toHaveLength(3);
    expect(webhooks.webhook(CTX, 1)).toMatchObject({
      State: 'Active',
      TotalCalls: 3,
      TotalErrors: 2,
      ConsecutiveErrors: 0,
    });
    // Two more failures would have reached 3 without the reset; the webhook stays Active.
    receiver.status = (index) => (index < 5 ? 503 : 200);
    publish();
    await webhooks.whenIdle();
    expect(webhooks.webhook(CTX, 1)).toMatchObject({ State: 'Active', ConsecutiveErrors: 0, TotalErrors: 4 });
  });

  it('delivers custom events posted to /{eventName}/{primaryKey}', async () => {
    const webhooks = start();
    await register(webhooks, { Events: ['order.shipped'] });
    receiver.hits.length = 0;
    const response = await call(webhooks, {
      method: 'POST',
      subpath: '/order.shipped/77',
      body: { order_no: 'A1' },
    });
    expect(response?.status).toBe(204);
    await webhooks.whenIdle();
    expect(receiver.deliveries()[0]?.json).toMatchObject({
      Event: 'order.shipped',
      PrimaryKey: 77,
      Entity: 'order',
      ChangedByAssociateId: 5,
      FieldValues: { order_id: 77, order_no: 'A1' },
    });
  });

  it('world.reset() drops registrations, pending retries and the log', async () => {
    const webhooks = start({ retryDelaysMs: [50, 50] });
    await register(webhooks);
    receiver.hits.length = 0;
    receiver.status = () => 500;
    publish();
    while (receiver.deliveries().length === 0) await sleep(5);
    await sleep(10);
    expect(webhooks.pending()).toBe(1);
    world.reset();
    expect(webhooks.pending()).toBe(0);
    await sleep(120);
    expect(receiver.deliveries()).toHaveLength(1);
    expect(webhooks.deliveries()).toEqual([]);
    expect((await call(webhooks, { method: 'GET' }))?.body).toEqual([]);
    // Ids start over after a reset.
    receiver.status = () => 200;
    expect((await register(webhooks)).WebhookId).toBe(1);
  });
});
