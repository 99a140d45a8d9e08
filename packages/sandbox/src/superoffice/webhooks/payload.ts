import { createHmac, randomUUID } from 'node:crypto';

/**
 * The body and headers of a webhook POST (superoffice.md §18 "Payload", "Headers and signature").
 */

/** Header names of a webhook POST, exactly as superoffice.md §18 spells them. */
export const WEBHOOK_HEADERS = {
  /** The event name, e.g. `contact.changed`. */
  event: 'X-SuperOffice-Event',
  /** The payload's `EventId`; dedupe on it. */
  eventId: 'X-SuperOffice-EventId',
  /** The attempt number within the delivery cycle, `0` first (UNCERTAIN: §18 names the header only). */
  retry: 'X-SuperOffice-Retry',
  /** base64(HMAC-SHA256(secret, raw body)); sent only when the webhook has a `Secret`. */
  signature: 'X-SuperOffice-Signature',
} as const;

/**
 * `User-Agent` of webhook POSTs. superoffice.md §18 documents `NetServer-Webhook/<ver>`.
 * UNCERTAIN: the version number is not documented; the sandbox claims 10.5.
 */
export const WEBHOOK_USER_AGENT = 'NetServer-Webhook/10.5';

/** The JSON body of a webhook POST (superoffice.md §18 "Payload"). */
export interface SuperOfficeWebhookPayload {
  /** New GUID per delivery cycle; a re-queued cycle gets a new one (§18 "Delivery"). Receivers dedupe by it. */
  readonly EventId: string;
  /** When the change happened, ISO 8601 UTC without fractions, e.g. `2026-05-01T10:00:00Z`. */
  readonly Timestamp: string;
  /** DB column names that changed. UNCERTAIN: the world's events carry none, so the sandbox sends `[]`. */
  readonly Changes: readonly string[];
  /** Event name, e.g. `contact.changed`. */
  readonly Event: string;
  /** Id of the changed record. */
  readonly PrimaryKey: number;
  /** Entity name, e.g. `contact`. */
  readonly Entity: string;
  /** Tenant, e.g. `Cust12345`. */
  readonly ContextIdentifier: string;
  /** Who made the change (compare with your integration's associate to skip your own writes, §19). */
  readonly ChangedByAssociateId: number;
  /** `Name` of the webhook. */
  readonly WebhookName: string;
  /**
   * A few non-sensitive id/FK/date fields. UNCERTAIN (§18 only shows `{"contact_id":123}` as illustration): the
   * sandbox sends `{ "<entity>_id": PrimaryKey }` plus any values of a custom event.
   */
  readonly FieldValues: Readonly<Record<string, unknown>>;
  /** The webhook's `Properties`, injected into the body (§18). */
  readonly [property: string]: unknown;
}

/** ISO 8601 UTC without milliseconds, the look of §18's `Timestamp` example. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What one delivery cycle announces. */
export interface PayloadInput {
  /** Event name. */
  readonly event: string;
  /** Tenant. */
  readonly ctx: string;
  /** Record id. */
  readonly primaryKey: number;
  /** Entity name. */
  readonly entity: string;
  /** Who made the change. */
  readonly changedByAssociateId: number;
  /** Time of the change (kept across re-queued cycles). */
  readonly timestamp: string;
  /** The webhook's name. */
  readonly webhookName: string;
  /** The webhook's `Properties`. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Extra `FieldValues` (custom events). */
  readonly fieldValues?: Readonly<Record<string, unknown>>;
}

/**
 * Builds the body of one delivery cycle with a new `EventId`.
 *
 * UNCERTAIN (§18: "`Properties` are injected into the body"): properties become top-level keys; the documented keys
 * win over a property of the same name.
 */
export function buildPayload(input: PayloadInput): SuperOfficeWebhookPayload {
  return {
    ...input.properties,
    EventId: randomUUID(),
    Timestamp: input.timestamp,
    Changes: [],
    Event: input.event,
    PrimaryKey: input.primaryKey,
    Entity: input.entity,
    ContextIdentifier: input.ctx,
    ChangedByAssociateId: input.changedByAssociateId,
    WebhookName: input.webhookName,
    FieldValues: { [`${input.entity}_id`]: input.primaryKey, ...input.fieldValues },
  };
}

/** `X-SuperOffice-Signature`: base64(HMAC-SHA256(secret, raw body)) (superoffice.md §18). */
export function signWebhookBody(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}
