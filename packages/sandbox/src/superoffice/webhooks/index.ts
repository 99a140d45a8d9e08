import type { SuperOfficeEvent, SuperOfficeWorld } from '../world.js';
import {
  cloneWebhook,
  defaultWebhook,
  eventMatches,
  loopbackRuleViolation,
  parseWritable,
  patchWebhook,
  type SuperOfficeWebhookEntity,
  WebhookInputError,
  type WebhookWritableFields,
} from './entity.js';
import { buildPayload, isoSeconds, signWebhookBody, WEBHOOK_HEADERS, WEBHOOK_USER_AGENT } from './payload.js';

export {
  defaultWebhook,
  eventMatches,
  loopbackRuleViolation,
  type SuperOfficeWebhookEntity,
  WEBHOOK_STATES,
  type WebhookAssociateRef,
  type WebhookState,
  type WebhookType,
} from './entity.js';
export {
  type SuperOfficeWebhookPayload,
  signWebhookBody,
  WEBHOOK_HEADERS,
  WEBHOOK_USER_AGENT,
} from './payload.js';

/** A call the tenant API host forwards to the webhook registry. */
export interface WebhookRouteRequest {
  /** Tenant context identifier, e.g. `Cust12345`. */
  ctx: string;
  /** HTTP method. */
  method: string;
  /** Path below `/v1/Webhook`: `''`, `/123`, `/default`, `/Test`, `/123/LastError`, `/{eventName}/{primaryKey}`. */
  subpath: string;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** The authenticated associate (0 for the system user). */
  associateId: number;
}

/** The answer to a {@link WebhookRouteRequest}. */
export interface WebhookRouteResponse {
  /** HTTP status. */
  status: number;
  /** JSON body; undefined for 204. */
  body: unknown;
}

/** Options of {@link SuperOfficeWebhooks}. */
export interface SuperOfficeWebhooksOptions {
  /** Waits before the 2nd, 3rd, … attempt of a cycle. Default `[1000, 4000]` (superoffice.md §18, §23 item 5). */
  retryDelaysMs?: number[];
  /**
   * Wait before a failed cycle is re-queued with a new EventId.
   * UNCERTAIN (superoffice.md §18 says "re-queued" without a delay): default 60 000 ms.
   */
  requeueDelayMs?: number;
  /** Consecutive failed POSTs that switch a webhook to `TooManyErrors`. Default 9 (superoffice.md §18). */
  maxConsecutiveFailures?: number;
  /** Time limit of one POST. UNCERTAIN (not documented): default 10 000 ms. */
  timeoutMs?: number;
  /** HTTP client; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/** One POST the registry made (or tried), for tests. */
export interface WebhookDelivery {
  /** `event` for deliveries, `test` for the registration check and `POST /Webhook/Test`. */
  readonly kind: 'event' | 'test';
  /** Tenant. */
  readonly ctx: string;
  /** The webhook's id; 0 for a webhook not saved yet. */
  readonly webhookId: number;
  /** Event name, e.g. `contact.changed` (`test` for test POSTs). */
  readonly event: string;
  /** `EventId` of the body (new per cycle). */
  readonly eventId: string;
  /** 1 for the first cycle, 2 after the first re-queue, … */
  readonly cycle: number;
  /** 0 for the first attempt of a cycle; the value of `X-SuperOffice-Retry`. */
  readonly retry: number;
  /** Target URL. */
  readonly url: string;
  /** The exact body sent (what the signature covers). */
  readonly body: string;
  /** Request headers as sent (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** Epoch ms when the POST started. */
  readonly startedAt: number;
  /** HTTP status, when an answer came. */
  readonly status?: number;
  /** Why it failed; absent on success. */
  readonly error?: string;
  /** Whether the target answered 2xx. */
  readonly ok: boolean;
}

/** Filter of {@link SuperOfficeWebhooks.deliveries}. */
export interface WebhookDeliveryFilter {
  /** Only this tenant. */
  ctx?: string;
  /** Only this webhook. */
  webhookId?: number;
  /** Only deliveries or only test POSTs. */
  kind?: WebhookDelivery['kind'];
}

interface Registration {
  readonly ctx: string;
  readonly entity: SuperOfficeWebhookEntity;
  readonly timers: Set<NodeJS.Timeout>;
  readonly controllers: Set<AbortController>;
}

interface Occurrence {
  readonly event: SuperOfficeEvent;
  readonly timestamp: string;
  readonly fieldValues: Readonly<Record<string, unknown>> | undefined;
}

interface PostResult {
  readonly ok: boolean;
  readonly aborted: boolean;
  readonly error: string | undefined;
}

interface Tenant {
  nextId: number;
  readonly hooks: Map<number, Registration>;
}

/** `ErrorSource` of the §15 error body. */
const ERROR_SOURCE = 'SuperOffice.Services.Implementation';

function errorResponse(status: number, errorType: string, message: string): WebhookRouteResponse {
  return {
    status,
    body: { Error: true, ErrorType: errorType, ErrorMessage: message, ErrorSource: ERROR_SOURCE },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * The Webhook agent of the SuperOffice stand-in (superoffice.md §18): a per-tenant registry behind the
 * `/api/v1/Webhook` endpoints, and delivery of the world's events as signed POSTs with retries, re-queues and the
 * `TooManyErrors` stop.
 *
 * Delivery: each matching `Active` webhook gets a cycle of up to 1 + `retryDelaysMs.length` attempts (1 s, 4 s by
 * default); a failed cycle is re-queued after `requeueDelayMs` with a new `EventId`. Every failed POST counts
 * toward `ConsecutiveErrors`; a success resets it; at `maxConsecutiveFailures` (9) the webhook goes to
 * `TooManyErrors`, its pending deliveries are dropped, and it stays there until someone sets `State` to `Active`.
 */
export class SuperOfficeWebhooks {
  readonly #retryDelaysMs: readonly number[];
  readonly #requeueDelayMs: number;
  readonly #maxFailures: number;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #tenants = new Map<string, Tenant>();
  readonly #inFlight = new Set<AbortController>();
  readonly #unsubscribe: Array<() => void>;
  #log: WebhookDelivery[] = [];
  #busy = 0;
  #idleWaiters: Array<() => void> = [];
  #closed = false;

  /**
   * Subscribes to `world.onEvent` (delivery) and `world.onReset` (drops registrations, pending deliveries and the log).
   *
   * @param world - the SuperOffice world whose events are delivered.
   * @param options - timing and the HTTP client; see {@link SuperOfficeWebhooksOptions}.
   */
  constructor(world: SuperOfficeWorld, options: SuperOfficeWebhooksOptions = {}) {
    this.#retryDelaysMs = [...(options.retryDelaysMs ?? [1000, 4000])];
    this.#requeueDelayMs = options.requeueDelayMs ?? 60_000;
    this.#maxFailures = options.maxConsecutiveFailures ?? 9;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#unsubscribe = [
      world.onEvent((event) => this.#dispatch(event, undefined)),
      world.onReset(() => this.#clear()),
    ];
  }

  /**
   * Handles the `/api/v1/Webhook` endpoints of superoffice.md §18:
   * - `GET ''` list, `POST ''` create (after a test POST that must answer 200);
   * - `GET /default`;
   * - `GET|PUT|PATCH|DELETE /{id}`;
   * - `POST /Test` (test POST to the body's `TargetUrl`);
   * - `GET /{id}/LastError`;
   * - `POST /{eventName}/{primaryKey}` (custom event).
   *
   * @returns the answer, or undefined when the path is not a webhook route.
   */
  async route(request: WebhookRouteRequest): Promise<WebhookRouteResponse | undefined> {
    if (request.subpath !== '' && !request.subpath.startsWith('/')) return undefined;
    const segments = request.subpath.split('/').filter((segment) => segment !== '');
    const method = request.method.toUpperCase();
    // ASP.NET routes are case-insensitive.
    const first = segments[0]?.toLowerCase();
    const second = segments[1];
    const id = first !== undefined && /^\d+$/.test(first) ? Number(first) : undefined;
    try {
      if (segments.length === 0) {
        if (method === 'GET') return { status: 200, body: this.#list(request.ctx) };
        if (method === 'POST') return await this.#create(request);
        return this.#methodNotAllowed(method, request.subpath);
      }
      if (segments.length === 1) {
        if (first === 'default') {
          return method === 'GET'
            ? { status: 200, body: defaultWebhook() }
            : this.#methodNotAllowed(method, '/default');
        }
        if (first === 'test') {
          return method === 'POST'
            ? await this.#testEndpoint(request)
            : this.#methodNotAllowed(method, '/Test');
        }
        if (id === undefined) return undefined;
        if (method === 'GET') return { status: 200, body: cloneWebhook(this.#find(request.ctx, id).entity) };
        if (method === 'PUT') return await this.#update(request, id, () => parseWritable(request.body));
        if (method === 'PATCH')
          return await this.#update(request, id, (entity) => patchWebhook(entity, request.body));
        if (method === 'DELETE') return this.#delete(request.ctx, id);
        return this.#methodNotAllowed(method, request.subpath);
      }
      if (segments.length === 2 && second !== undefined) {
        if (id !== undefined && second.toLowerCase() === 'lasterror') {
          if (method !== 'GET') return this.#methodNotAllowed(method, request.subpath);
          // UNCERTAIN (superoffice.md §18 names `GET /{id}/LastError` without its response): the sandbox answers the
          // entity's `LastError` as a JSON string, or null.
          return { status: 200, body: this.#find(request.ctx, id).entity.LastError };
        }
        if (method === 'POST' && first !== undefined && /^\d+$/.test(second)) {
          return this.#customEvent(request, segments[0] ?? '', Number(second));
        }
      }
      return undefined;
    } catch (error) {
      if (error instanceof WebhookInputError)
        return errorResponse(error.status, error.errorType, error.message);
      throw error;
    }
  }

  /**
   * The POSTs made so far (oldest first), optionally filtered.
   *
   * @param filter - tenant, webhook id and/or kind.
   */
  deliveries(filter: WebhookDeliveryFilter = {}): readonly WebhookDelivery[] {
    return this.#log.filter(
      (delivery) =>
        (filter.ctx === undefined || delivery.ctx === filter.ctx) &&
        (filter.webhookId === undefined || delivery.webhookId === filter.webhookId) &&
        (filter.kind === undefined || delivery.kind === filter.kind),
    );
  }

  /** A copy of one registered webhook, with its live counters and state; undefined when unknown. */
  webhook(ctx: string, webhookId: number): SuperOfficeWebhookEntity | undefined {
    const registration = this.#tenants.get(ctx)?.hooks.get(webhookId);
    return registration ? cloneWebhook(registration.entity) : undefined;
  }

  /** Number of scheduled retries/re-queues plus POSTs in flight. */
  pending(): number {
    return this.#busy;
  }

  /** Resolves once no retry, re-queue or POST is pending (immediately when none is). */
  whenIdle(): Promise<void> {
    if (this.#busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops listening to the world, cancels every pending delivery and aborts POSTs in flight. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#cancelAll();
  }

  // ---- Registry -------------------------------------------------------------------------------------------------

  #tenant(ctx: string): Tenant {
    let tenant = this.#tenants.get(ctx);
    if (!tenant) {
      tenant = { nextId: 1, hooks: new Map() };
      this.#tenants.set(ctx, tenant);
    }
    return tenant;
  }

  #find(ctx: string, id: number): Registration {
    const registration = this.#tenants.get(ctx)?.hooks.get(id);
    if (!registration) throw new WebhookInputError(404, 'SoNotFoundException', `Webhook id ${id} not found`);
    return registration;
  }

  #list(ctx: string): SuperOfficeWebhookEntity[] {
    return [...(this.#tenants.get(ctx)?.hooks.values() ?? [])].map((registration) =>
      cloneWebhook(registration.entity),
    );
  }

  #methodNotAllowed(method: string, subpath: string): WebhookRouteResponse {
    // UNCERTAIN (not in superoffice.md §15): the status and body of a wrong method on a known route.
    return errorResponse(405, 'MethodNotAllowed', `${method} is not allowed on /v1/Webhook${subpath}`);
  }

  async #create(request: WebhookRouteRequest): Promise<WebhookRouteResponse> {
    const fields = parseWritable(request.body);
    await this.#verifyTarget(request.ctx, 0, fields);
    const tenant = this.#tenant(request.ctx);
    const now = isoSeconds(new Date());
    const entity: SuperOfficeWebhookEntity = {
      ...defaultWebhook(),
      ...fields,
      WebhookId: tenant.nextId++,
      Registered: now,
      RegisteredAssociate: { AssociateId: request.associateId },
      Updated: now,
      UpdatedAssociate: { AssociateId: request.associateId },
    };
    tenant.hooks.set(entity.WebhookId, {
      ctx: request.ctx,
      entity,
      timers: new Set(),
      controllers: new Set(),
    });
    // superoffice.md §15 lists no 201; SuperOffice answers creates with 200 and the saved entity.
    return { status: 200, body: cloneWebhook(entity) };
  }

  async #update(
    request: WebhookRouteRequest,
    id: number,
    change: (entity: SuperOfficeWebhookEntity) => WebhookWritableFields,
  ): Promise<WebhookRouteResponse> {
    const registration = this.#find(request.ctx, id);
    const before = registration.entity;
    const fields = change(cloneWebhook(before));
    if (fields.TargetUrl !== before.TargetUrl) {
      // UNCERTAIN (superoffice.md §18 describes the check at registration only): a new target is checked too.
      await this.#verifyTarget(request.ctx, id, fields);
    }
    if (this.#find(request.ctx, id) !== registration)
      throw new WebhookInputError(404, 'SoNotFoundException', `Webhook id ${id} not found`);
    const wasActive = before.State === 'Active';
    Object.assign(before, fields, {
      Updated: isoSeconds(new Date()),
      UpdatedAssociate: { AssociateId: request.associateId },
    });
    if (wasActive && before.State !== 'Active') {
      this.#cancel(registration);
      if (before.State === 'Stopped') this.#announce(registration, 'stopped', request.associateId);
    } else if (!wasActive && before.State === 'Active') {
      // UNCERTAIN (superoffice.md §18: "stays stopped until someone sets it back to Active"): re-activation starts
      // with a clean ConsecutiveErrors, otherwise the next single failure would stop it again.
      before.ConsecutiveErrors = 0;
      this.#announce(registration, 'started', request.associateId);
    }
    return { status: 200, body: cloneWebhook(before) };
  }

  #delete(ctx: string, id: number): WebhookRouteResponse {
    const registration = this.#find(ctx, id);
    this.#cancel(registration);
    this.#tenants.get(ctx)?.hooks.delete(id);
    return { status: 204, body: undefined };
  }

  /**
   * `POST /Webhook/Test`: one test POST to the body's `TargetUrl` (loopback rule applies).
   * UNCERTAIN (superoffice.md §18 names the endpoint only): the answer is `{ "Success": boolean, "Message": string }`.
   */
  async #testEndpoint(request: WebhookRouteRequest): Promise<WebhookRouteResponse> {
    const fields = parseWritable(request.body);
    const result = await this.#testPost(request.ctx, 0, fields);
    return { status: 200, body: { Success: result.ok, Message: result.error ?? 'OK' } };
  }

  /**
   * superoffice.md §18 "Registration validates the target: … a **200** answer to a test POST". The loopback rule
   * (checked by `parseWritable`) replaces the HTTPS/TLS checks. UNCERTAIN: the refusal's status (400) and text.
   */
  async #verifyTarget(ctx: string, webhookId: number, fields: WebhookWritableFields): Promise<void> {
    const result = await this.#testPost(ctx, webhookId, fields);
    if (!result.ok) {
      throw new WebhookInputError(
        400,
        'SoArgumentException',
        `Webhook target ${fields.TargetUrl} did not answer the test POST with 200: ${result.error ?? 'no answer'}`,
      );
    }
  }

  /**
   * A `test` event POST. UNCERTAIN (§18 lists the `test` event without its body): `Event` and `Entity` are `test`,
   * `PrimaryKey` 0, signed like any delivery. Success needs exactly 200 here (§18 "a 200 answer").
   */
  async #testPost(ctx: string, webhookId: number, fields: WebhookWritableFields): Promise<PostResult> {
    const violation = loopbackRuleViolation(fields.TargetUrl);
    if (violation) throw new WebhookInputError(400, 'SoArgumentException', violation);
    const payload = buildPayload({
      event: 'test',
      ctx,
      primaryKey: 0,
      entity: 'test',
      changedByAssociateId: 0,
      timestamp: isoSeconds(new Date()),
      webhookName: fields.Name,
      properties: fields.Properties,
    });
    return this.#post({
      kind: 'test',
      ctx,
      webhookId,
      event: 'test',
      eventId: payload.EventId,
      cycle: 1,
      retry: 0,
      url: fields.TargetUrl,
      body: JSON.stringify(payload),
      secret: fields.Secret,
      extraHeaders: fields.Headers,
      controllers: undefined,
      exactly200: true,
    });
  }

  #customEvent(request: WebhookRouteRequest, eventName: string, primaryKey: number): WebhookRouteResponse {
    // UNCERTAIN (superoffice.md §18 names `POST /Webhook/{eventName}/{primaryKey}` only): an optional object body
    // is added to `FieldValues`, `Entity` is the part of the name before the first dot, and the answer is 204.
    const body = request.body;
    const fieldValues =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : undefined;
    this.#dispatch(
      {
        event: eventName,
        ctx: request.ctx,
        primaryKey,
        entity: eventName.split('.')[0] ?? eventName,
        changedByAssociateId: request.associateId,
      },
      fieldValues,
    );
    return { status: 204, body: undefined };
  }

  /**
   * superoffice.md §18 lists `webhook{Id}.started|stopped|errors` events. UNCERTAIN: when exactly they fire; the
   * sandbox fires `started`/`stopped` when the API switches `State`, and `errors` on the switch to `TooManyErrors`.
   */
  #announce(registration: Registration, what: 'started' | 'stopped' | 'errors', associateId: number): void {
    this.#dispatch(
      {
        event: `webhook${registration.entity.WebhookId}.${what}`,
        ctx: registration.ctx,
        primaryKey: registration.entity.WebhookId,
        entity: 'webhook',
        changedByAssociateId: associateId,
      },
      undefined,
    );
  }

  // ---- Delivery -------------------------------------------------------------------------------------------------

  #dispatch(event: SuperOfficeEvent, fieldValues: Readonly<Record<string, unknown>> | undefined): void {
    if (this.#closed) return;
    const hooks = this.#tenants.get(event.ctx)?.hooks;
    if (!hooks) return;
    const occurrence: Occurrence = { event, timestamp: isoSeconds(new Date()), fieldValues };
    for (const registration of hooks.values()) {
      const { State, Type, Events } = registration.entity;
      if (State === 'Active' && Type === 'webhook' && eventMatches(Events, event.event)) {
        this.#startCycle(registration, occurrence, 1);
      }
    }
  }

  /** A new delivery cycle: new EventId, new body (superoffice.md §18 "A dropped cycle gets a new EventId"). */
  #startCycle(registration: Registration, occurrence: Occurrence, cycle: number): void {
    const { event } = occurrence;
    const payload = buildPayload({
      event: event.event,
      ctx: event.ctx,
      primaryKey: event.primaryKey,
      entity: event.entity,
      changedByAssociateId: event.changedByAssociateId,
      timestamp: occurrence.timestamp,
      webhookName: registration.entity.Name,
      properties: registration.entity.Properties,
      ...(occurrence.fieldValues ? { fieldValues: occurrence.fieldValues } : {}),
    });
    void this.#attempt(registration, occurrence, cycle, payload.EventId, JSON.stringify(payload), 0);
  }

  async #attempt(
    registration: Registration,
    occurrence: Occurrence,
    cycle: number,
    eventId: string,
    body: string,
    retry: number,
  ): Promise<void> {
    if (!this.#isLive(registration) || registration.entity.State !== 'Active') return;
    this.#enter();
    try {
      const entity = registration.entity;
      const result = await this.#post({
        kind: 'event',
        ctx: registration.ctx,
        webhookId: entity.WebhookId,
        event: occurrence.event.event,
        eventId,
        cycle,
        retry,
        url: entity.TargetUrl,
        body,
        secret: entity.Secret,
        extraHeaders: entity.Headers,
        controllers: registration.controllers,
        exactly200: false,
      });
      if (result.aborted || !this.#isLive(registration)) return;
      entity.TotalCalls++;
      if (result.ok) {
        entity.ConsecutiveErrors = 0;
        return;
      }
      entity.TotalErrors++;
      entity.ConsecutiveErrors++;
      entity.LastError = result.error ?? 'failed';
      if (entity.ConsecutiveErrors >= this.#maxFailures) {
        if (entity.State === 'Active') {
          entity.State = 'TooManyErrors';
          this.#cancel(registration);
          this.#announce(registration, 'errors', 0);
        }
        return;
      }
      if (entity.State !== 'Active') return;
      const delay = this.#retryDelaysMs[retry];
      if (delay !== undefined) {
        this.#schedule(registration, delay, () => {
          void this.#attempt(registration, occurrence, cycle, eventId, body, retry + 1);
        });
      } else {
        this.#schedule(registration, this.#requeueDelayMs, () =>
          this.#startCycle(registration, occurrence, cycle + 1),
        );
      }
    } finally {
      this.#leave();
    }
  }

  /**
   * One POST. Headers per superoffice.md §18; the signature only when a secret is set. Redirects are not followed
   * (a 3xx is a failure), so a loopback target cannot bounce the sandbox to another host.
   * UNCERTAIN (§18 says nothing about status codes of deliveries): any 2xx counts as success.
   */
  async #post(post: {
    kind: WebhookDelivery['kind'];
    ctx: string;
    webhookId: number;
    event: string;
    eventId: string;
    cycle: number;
    retry: number;
    url: string;
    body: string;
    secret: string;
    extraHeaders: Readonly<Record<string, string>>;
    controllers: Set<AbortController> | undefined;
    exactly200: boolean;
  }): Promise<PostResult> {
    const headers = new Headers();
    let error: string | undefined;
    try {
      for (const [name, value] of Object.entries(post.extraHeaders)) headers.set(name, value);
    } catch (cause) {
      error = `Invalid custom header: ${describeError(cause)}`;
    }
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('User-Agent', WEBHOOK_USER_AGENT);
    headers.set(WEBHOOK_HEADERS.event, post.event);
    headers.set(WEBHOOK_HEADERS.eventId, post.eventId);
    // UNCERTAIN (§18 names the header only): the retry number within the cycle, 0 on the first attempt.
    headers.set(WEBHOOK_HEADERS.retry, String(post.retry));
    if (post.secret !== '') headers.set(WEBHOOK_HEADERS.signature, signWebhookBody(post.secret, post.body));

    const controller = new AbortController();
    this.#inFlight.add(controller);
    post.controllers?.add(controller);
    const startedAt = Date.now();
    let status: number | undefined;
    let ok = false;
    try {
      if (error === undefined) {
        const response = await this.#fetch(post.url, {
          method: 'POST',
          headers,
          body: post.body,
          redirect: 'manual',
          signal: AbortSignal.any([controller.signal, AbortSignal.timeout(this.#timeoutMs)]),
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
        ok = post.exactly200 ? status === 200 : status >= 200 && status < 300;
        if (!ok) error = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
      }
    } catch (cause) {
      error = controller.signal.aborted ? 'Delivery cancelled' : describeError(cause);
    } finally {
      this.#inFlight.delete(controller);
      post.controllers?.delete(controller);
    }
    if (!this.#closed || post.kind === 'test') {
      this.#log.push({
        kind: post.kind,
        ctx: post.ctx,
        webhookId: post.webhookId,
        event: post.event,
        eventId: post.eventId,
        cycle: post.cycle,
        retry: post.retry,
        url: post.url,
        body: post.body,
        headers: Object.fromEntries(headers),
        startedAt,
        ...(status === undefined ? {} : { status }),
        ...(error === undefined ? {} : { error }),
        ok,
      });
    }
    return { ok, aborted: controller.signal.aborted, error };
  }

  #isLive(registration: Registration): boolean {
    return (
      !this.#closed &&
      this.#tenants.get(registration.ctx)?.hooks.get(registration.entity.WebhookId) === registration
    );
  }

  #schedule(registration: Registration, delayMs: number, task: () => void): void {
    this.#enter();
    const timer = setTimeout(() => {
      registration.timers.delete(timer);
      try {
        task();
      } finally {
        this.#leave();
      }
    }, delayMs);
    registration.timers.add(timer);
  }

  /** Drops a webhook's scheduled retries and re-queues and aborts its POSTs in flight. */
  #cancel(registration: Registration): void {
    for (const timer of registration.timers) {
      clearTimeout(timer);
      this.#leave();
    }
    registration.timers.clear();
    for (const controller of registration.controllers) controller.abort();
  }

  #cancelAll(): void {
    for (const tenant of this.#tenants.values()) {
      for (const registration of tenant.hooks.values()) this.#cancel(registration);
    }
    for (const controller of this.#inFlight) controller.abort();
  }

  /** `world.reset()`: registrations, pending deliveries and the log go. */
  #clear(): void {
    this.#cancelAll();
    this.#tenants.clear();
    this.#log = [];
  }

  #enter(): void {
    this.#busy++;
  }

  #leave(): void {
    this.#busy--;
    if (this.#busy === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
