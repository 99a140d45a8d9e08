import { z } from 'zod';
import { parseResponse, protocolError } from '../shared/errors.js';

/**
 * A webhook notification (superoffice.md §18). Only ids and a few non-sensitive fields are sent: read the entity
 * through the API. Dedupe by `EventId` (a re-queued cycle gets a new one).
 */
export interface WebhookEvent {
  /** Unique id of this delivery cycle. */
  readonly EventId: string;
  /** Event name, e.g. `contact.changed`, `contact.softdeleted`, `webhook12.stopped`, `test`. */
  readonly Event: string;
  /** The primary key of the changed record. */
  readonly PrimaryKey: number;
  /** The entity, e.g. `contact`. */
  readonly Entity?: string | null | undefined;
  /** The tenant, e.g. `Cust12345`. */
  readonly ContextIdentifier?: string | null | undefined;
  /** The associate who made the change (skip your own integration user's changes, §19). */
  readonly ChangedByAssociateId?: number | null | undefined;
  /** When the event happened. */
  readonly Timestamp?: string | null | undefined;
  /** DB column names that changed. */
  readonly Changes?: readonly string[] | null | undefined;
  /** The webhook's name. */
  readonly WebhookName?: string | null | undefined;
  /** A few id/FK/date values, e.g. `{contact_id: 123}`. */
  readonly FieldValues?: Readonly<Record<string, unknown>> | null | undefined;
  /** Delete events: the deleted row's ids, e.g. `{sale_id, contact_id}`. */
  readonly Values?: Readonly<Record<string, unknown>> | null | undefined;
  /** Fields this client does not model (including injected `Properties`). */
  readonly [field: string]: unknown;
}

/** Validates a {@link WebhookEvent}. */
export const webhookEventSchema: z.ZodType<WebhookEvent> = z.looseObject({
  EventId: z.string().min(1),
  Event: z.string().min(1),
  PrimaryKey: z.number().int(),
  Entity: z.string().nullish(),
  ContextIdentifier: z.string().nullish(),
  ChangedByAssociateId: z.number().int().nullish(),
  Timestamp: z.string().nullish(),
  Changes: z.array(z.string()).nullish(),
  WebhookName: z.string().nullish(),
  FieldValues: z.record(z.string(), z.unknown()).nullish(),
  Values: z.record(z.string(), z.unknown()).nullish(),
});

const ORIGIN = { request: 'webhook notification', status: 0 };

/**
 * Parses a webhook body (verify it first with `verifyWebhookSignature`). Not JSON, or a missing/mistyped field, is a
 * `protocol` error naming the field.
 *
 * @example
 * ```ts
 * const event = parseWebhookEvent(rawBody);
 * const { entity, action } = splitWebhookEventName(event.Event); // contact, changed
 * ```
 */
export function parseWebhookEvent(rawBody: string | Uint8Array): WebhookEvent {
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw protocolError(ORIGIN, 'is not JSON', text);
  }
  return parseResponse(webhookEventSchema, json, ORIGIN);
}

/** Splits `contact.changed` into `{entity: 'contact', action: 'changed'}`; `test` gives `{entity: 'test', action: ''}`. */
export function splitWebhookEventName(event: string): {
  /** Everything before the last `.`, or the whole name when there is no dot. */
  readonly entity: string;
  /** Everything after the last `.`; `''` when there is no dot. */
  readonly action: string;
} {
  const dot = event.lastIndexOf('.');
  return dot < 0
    ? { entity: event, action: '' }
    : { entity: event.slice(0, dot), action: event.slice(dot + 1) };
}
