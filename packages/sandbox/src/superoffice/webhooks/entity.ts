import { LOOPBACK_HOSTS } from '../../server/loopback.js';

/**
 * The webhook entity of the `/api/v1/Webhook` endpoints (superoffice.md §18, from the Swagger), with input parsing,
 * JSON Patch / merge patch (§12) and the sandbox's loopback rule.
 */

/** Webhook states and their numeric values (superoffice.md §18: Unknown, Active (1), Stopped (2), TooManyErrors (3)). */
export const WEBHOOK_STATES = {
  /** State not set or not known. */
  Unknown: 0,
  /** Receives events. */
  Active: 1,
  /** Switched off (`State` set through the API); receives nothing. */
  Stopped: 2,
  /** Stopped after 9 consecutive failed POSTs; stays there until `State` is set back to `Active`. */
  TooManyErrors: 3,
} as const;

/** A state name of {@link WEBHOOK_STATES}. */
export type WebhookState = keyof typeof WEBHOOK_STATES;

/** `Type` of a webhook (superoffice.md §18): HTTP POST to `TargetUrl`, or a CRMScript run. */
export type WebhookType = 'webhook' | 'crmscript';

/**
 * UNCERTAIN (superoffice.md §18 only names `RegisteredAssociate` / `UpdatedAssociate`): the Swagger carries an
 * associate object there; the sandbox fills only its id.
 */
export interface WebhookAssociateRef {
  /** The associate who registered or last updated the webhook. */
  readonly AssociateId: number;
}

/** A webhook as the REST API shows it (superoffice.md §18 "Entity"). */
export interface SuperOfficeWebhookEntity {
  /** Primary key, per tenant. */
  WebhookId: number;
  /** Name; sent back as `WebhookName` in every payload. */
  Name: string;
  /** Event names, e.g. `contact.changed` (exact match, see `eventMatches`). */
  Events: string[];
  /** Where the POSTs go. The sandbox allows loopback URLs only. */
  TargetUrl: string;
  /** HMAC-SHA256 key of `X-SuperOffice-Signature`; an empty secret sends no signature (§18). */
  Secret: string;
  /** Only `Active` webhooks are called. */
  State: WebhookState;
  /** `webhook` or `crmscript`; the sandbox only runs `webhook`. */
  Type: WebhookType;
  /** Extra HTTP headers sent with every POST. */
  Headers: Record<string, string>;
  /** Extra values injected into every JSON body (§18). */
  Properties: Record<string, unknown>;
  /** Who is told about errors by e-mail (stored only; the sandbox sends no e-mail). */
  ErrorEmails: string[];
  /** Associates told about errors (stored only). */
  ErrorAssociates: unknown[];
  /** Free text. */
  Description: string;
  /** UNCERTAIN (§18 names the field, not its type): stored as given. */
  NotifyVia: unknown;
  /** UNCERTAIN (§18 names the field, not its type): stored as given. */
  NotifyWhen: unknown;
  /** POSTs made (every attempt counts). */
  TotalCalls: number;
  /** Failed POSTs. */
  TotalErrors: number;
  /** Failed POSTs since the last success; {@link WEBHOOK_STATES}.TooManyErrors at the limit (9). */
  ConsecutiveErrors: number;
  /** The last failure, e.g. `HTTP 500 Internal Server Error`, or null. */
  LastError: string | null;
  /** When it was registered (ISO 8601, UTC). */
  Registered: string | null;
  /** Who registered it. */
  RegisteredAssociate: WebhookAssociateRef | null;
  /** When it was last changed (ISO 8601, UTC). */
  Updated: string | null;
  /** Who last changed it. */
  UpdatedAssociate: WebhookAssociateRef | null;
}

/** The read-only fields: the server keeps them, input values are ignored. */
const READ_ONLY = [
  'WebhookId',
  'TotalCalls',
  'TotalErrors',
  'ConsecutiveErrors',
  'LastError',
  'Registered',
  'RegisteredAssociate',
  'Updated',
  'UpdatedAssociate',
] as const;

/** The fields a client writes. */
export type WebhookWritableFields = Omit<SuperOfficeWebhookEntity, (typeof READ_ONLY)[number]>;

/** `GET /Webhook/default`: a new, unsaved webhook (superoffice.md §18 `/default`, §12 "create"). */
export function defaultWebhook(): SuperOfficeWebhookEntity {
  return {
    WebhookId: 0,
    Name: '',
    Events: [],
    TargetUrl: '',
    Secret: '',
    State: 'Active',
    Type: 'webhook',
    Headers: {},
    Properties: {},
    ErrorEmails: [],
    ErrorAssociates: [],
    Description: '',
    NotifyVia: null,
    NotifyWhen: null,
    TotalCalls: 0,
    TotalErrors: 0,
    ConsecutiveErrors: 0,
    LastError: null,
    Registered: null,
    RegisteredAssociate: null,
    Updated: null,
    UpdatedAssociate: null,
  };
}

/** A 4xx answer raised while parsing or patching; the router turns it into the §15 error body. */
export class WebhookInputError extends Error {
  /** HTTP status: 400, 404 or 409. */
  readonly status: number;
  /** `ErrorType` of the §15 error body. */
  readonly errorType: string;

  /** @param status - HTTP status. @param errorType - §15 `ErrorType`. @param message - §15 `ErrorMessage`. */
  constructor(status: number, errorType: string, message: string) {
    super(message);
    this.name = 'WebhookInputError';
    this.status = status;
    this.errorType = errorType;
  }
}

function badRequest(message: string): WebhookInputError {
  // UNCERTAIN (superoffice.md §15 shows only a 404 body): the ErrorType of validation failures is not documented.
  return new WebhookInputError(400, 'SoArgumentException', message);
}

const FIELD_NAMES: readonly (keyof SuperOfficeWebhookEntity)[] = Object.keys(defaultWebhook()) as Array<
  keyof SuperOfficeWebhookEntity
>;

/** The canonical field name for a key in any case (SuperOffice JSON binding and patch paths are case-insensitive, §12). */
function canonicalField(key: string): keyof SuperOfficeWebhookEntity | undefined {
  const lower = key.toLowerCase();
  return FIELD_NAMES.find((name) => name.toLowerCase() === lower);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The loopback rule of the sandbox: it never calls out of the machine, so `TargetUrl` must be `http(s)://` on
 * 127.0.0.1, localhost or ::1. Returns the reason when the URL breaks it.
 *
 * UNCERTAIN/deviation (superoffice.md §18 "Registration validates the target: HTTPS, a valid TLS certificate"): the
 * sandbox also accepts plain `http` on loopback, because a test receiver has no certificate.
 */
export function loopbackRuleViolation(targetUrl: string): string | undefined {
  const rule = `The sandbox only delivers webhooks to loopback target URLs (http(s)://${LOOPBACK_HOSTS.join(', ')})`;
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return `${rule}; TargetUrl "${targetUrl}" is not an absolute URL`;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.includes(host)) {
    return `${rule}, not to "${targetUrl}"`;
  }
  return undefined;
}

function parseState(value: unknown): WebhookState {
  if (typeof value === 'number') {
    const name = (Object.keys(WEBHOOK_STATES) as WebhookState[]).find((key) => WEBHOOK_STATES[key] === value);
    if (name) return name;
  } else if (typeof value === 'string') {
    const name = (Object.keys(WEBHOOK_STATES) as WebhookState[]).find(
      (key) => key.toLowerCase() === value.toLowerCase(),
    );
    if (name) return name;
  }
  throw badRequest(
    `State must be one of ${Object.keys(WEBHOOK_STATES).join(', ')} (or 0-3), not ${JSON.stringify(value)}`,
  );
}

function stringArray(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw badRequest(`${field} must be an array of strings`);
  }
  return [...value];
}

/**
 * Reads the writable fields of a POST/PUT body (or of a patched entity). Keys match in any case; missing fields take
 * the `/default` value (PUT replaces the whole entity, §12); read-only fields are ignored.
 *
 * @throws WebhookInputError (400) naming the broken rule.
 */
export function parseWritable(body: unknown): WebhookWritableFields {
  if (!isRecord(body)) throw badRequest('The request body must be a Webhook JSON object');
  const input: Partial<Record<keyof SuperOfficeWebhookEntity, unknown>> = {};
  for (const [key, value] of Object.entries(body)) {
    const field = canonicalField(key);
    if (field && value !== undefined) input[field] = value;
  }
  const fields: WebhookWritableFields = { ...defaultWebhook() };
  for (const field of READ_ONLY) delete (fields as Partial<SuperOfficeWebhookEntity>)[field];

  if (input.Name !== undefined && input.Name !== null) {
    if (typeof input.Name !== 'string') throw badRequest('Name must be a string');
    fields.Name = input.Name;
  }
  // UNCERTAIN (superoffice.md §18 does not say which fields are mandatory): a webhook without a name, events or a
  // target URL could never be useful, so the sandbox refuses it.
  if (fields.Name.trim() === '') throw badRequest('Name is required');

  if (input.Events !== undefined && input.Events !== null)
    fields.Events = stringArray('Events', input.Events);
  if (fields.Events.length === 0 || fields.Events.some((event) => event.trim() === '')) {
    throw badRequest('Events must name at least one event, e.g. "contact.changed"');
  }

  if (typeof input.TargetUrl === 'string') fields.TargetUrl = input.TargetUrl;
  else if (input.TargetUrl !== undefined && input.TargetUrl !== null)
    throw badRequest('TargetUrl must be a string');
  if (fields.TargetUrl === '') throw badRequest('TargetUrl is required');
  const violation = loopbackRuleViolation(fields.TargetUrl);
  if (violation) throw badRequest(violation);

  if (typeof input.Secret === 'string') fields.Secret = input.Secret;
  else if (input.Secret !== undefined && input.Secret !== null) throw badRequest('Secret must be a string');

  if (input.State !== undefined && input.State !== null) fields.State = parseState(input.State);

  if (input.Type !== undefined && input.Type !== null) {
    const type = typeof input.Type === 'string' ? input.Type.toLowerCase() : input.Type;
    if (type === 'crmscript') {
      // UNCERTAIN (superoffice.md §18: `Type` is `webhook` or `crmscript`): CRMScript runs inside SuperOffice; the
      // sandbox has no script engine, so it says so rather than silently never delivering.
      throw badRequest('Type "crmscript" is not supported by the sandbox; use "webhook"');
    }
    if (type !== 'webhook')
      throw badRequest(`Type must be "webhook" or "crmscript", not ${JSON.stringify(input.Type)}`);
  }

  if (input.Headers !== undefined && input.Headers !== null) {
    if (
      !isRecord(input.Headers) ||
      !Object.values(input.Headers).every((value) => typeof value === 'string')
    ) {
      throw badRequest('Headers must be an object of string values');
    }
    fields.Headers = { ...(input.Headers as Record<string, string>) };
  }
  if (input.Properties !== undefined && input.Properties !== null) {
    if (!isRecord(input.Properties)) throw badRequest('Properties must be an object');
    fields.Properties = { ...input.Properties };
  }
  if (input.ErrorEmails !== undefined && input.ErrorEmails !== null) {
    fields.ErrorEmails = stringArray('ErrorEmails', input.ErrorEmails);
  }
  if (input.ErrorAssociates !== undefined && input.ErrorAssociates !== null) {
    if (!Array.isArray(input.ErrorAssociates)) throw badRequest('ErrorAssociates must be an array');
    fields.ErrorAssociates = [...input.ErrorAssociates];
  }
  if (input.Description !== undefined && input.Description !== null) {
    if (typeof input.Description !== 'string') throw badRequest('Description must be a string');
    fields.Description = input.Description;
  }
  if (input.NotifyVia !== undefined) fields.NotifyVia = input.NotifyVia;
  if (input.NotifyWhen !== undefined) fields.NotifyWhen = input.NotifyWhen;
  return fields;
}

/** Copies an entity so that callers never hold the registry's own arrays and objects. */
export function cloneWebhook(entity: SuperOfficeWebhookEntity): SuperOfficeWebhookEntity {
  return structuredClone(entity);
}

/** A JSON Patch operation as SuperOffice accepts it (§12: add, replace, remove, test; no move/copy). */
interface PatchOperation {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

function parseOperations(body: unknown[]): PatchOperation[] {
  return body.map((item, index) => {
    if (!isRecord(item) || typeof item.op !== 'string' || typeof item.path !== 'string') {
      throw badRequest(`JSON Patch operation ${index} needs "op" and "path"`);
    }
    const op = item.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove' && op !== 'test') {
      throw badRequest(`JSON Patch op "${item.op}" is not supported (only add, replace, remove, test)`);
    }
    return 'value' in item ? { op, path: item.path, value: item.value } : { op, path: item.path };
  });
}

/** Finds a key of `target` in any case (§12: patch paths are case-insensitive). */
function keyIn(target: Record<string, unknown>, segment: string): string {
  const lower = segment.toLowerCase();
  return Object.keys(target).find((key) => key.toLowerCase() === lower) ?? segment;
}

function applyOperation(document: Record<string, unknown>, operation: PatchOperation): void {
  // §12: the leading '/' is optional.
  const segments = operation.path
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = segments.pop();
  if (last === undefined || last === '')
    throw badRequest(`JSON Patch path "${operation.path}" names no field`);
  let parent: unknown = document;
  for (const segment of segments) {
    if (Array.isArray(parent)) parent = parent[Number(segment)];
    else if (isRecord(parent)) parent = parent[keyIn(parent, segment)];
    else parent = undefined;
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw badRequest(`JSON Patch path "${operation.path}" is outside the array`);
    }
    if (operation.op === 'add') parent.splice(index, 0, operation.value);
    else if (operation.op === 'replace') parent[index] = operation.value;
    else if (operation.op === 'remove') parent.splice(index, 1);
    else if (JSON.stringify(parent[index]) !== JSON.stringify(operation.value)) throw testFailed(operation);
    return;
  }
  if (!isRecord(parent)) throw badRequest(`JSON Patch path "${operation.path}" does not exist`);
  const key = keyIn(parent, last);
  if (operation.op === 'add' || operation.op === 'replace') parent[key] = operation.value;
  else if (operation.op === 'remove') delete parent[key];
  else if (JSON.stringify(parent[key]) !== JSON.stringify(operation.value)) throw testFailed(operation);
}

function testFailed(operation: PatchOperation): WebhookInputError {
  // superoffice.md §13: a failed JSON Patch `test` answers 409. UNCERTAIN: the ErrorType name.
  return new WebhookInputError(409, 'SoConflictException', `JSON Patch test failed at "${operation.path}"`);
}

function mergePatch(document: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [rawKey, value] of Object.entries(patch)) {
    const key = keyIn(document, rawKey);
    const current = document[key];
    if (value === null) delete document[key];
    // §12: an object where an array is expected appends; an array replaces the array.
    else if (Array.isArray(current) && isRecord(value)) current.push(value);
    else if (isRecord(current) && isRecord(value)) mergePatch(current, value);
    else document[key] = value;
  }
}

/**
 * Applies a PATCH body to an entity (§12): an array is JSON Patch (add/replace/remove/test, case-insensitive paths,
 * optional leading `/`), an object is a merge patch. Returns the patched writable fields, validated like a PUT.
 *
 * @throws WebhookInputError 400 on a bad patch or result, 409 when a `test` op fails (§13).
 */
export function patchWebhook(entity: SuperOfficeWebhookEntity, body: unknown): WebhookWritableFields {
  const document = structuredClone(entity) as unknown as Record<string, unknown>;
  if (Array.isArray(body)) {
    for (const operation of parseOperations(body)) applyOperation(document, operation);
  } else if (isRecord(body)) {
    mergePatch(document, body);
  } else {
    throw badRequest('PATCH needs a JSON Patch array or a merge-patch object');
  }
  return parseWritable(document);
}

/**
 * Whether a webhook's `Events` list subscribes to `event`.
 *
 * UNCERTAIN (superoffice.md §18 documents no wildcards and says filtering is "coarse"): names match exactly, ignoring
 * case, and no wildcard syntax is honoured.
 */
export function eventMatches(events: readonly string[], event: string): boolean {
  const wanted = event.toLowerCase();
  return events.some((name) => name.trim().toLowerCase() === wanted);
}
