import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSuperOfficeError } from '../../src/errors/superoffice-error.js';
import {
  parseWebhookEvent,
  signWebhookBody,
  splitWebhookEventName,
  verifyWebhookSignature,
} from '../../src/resources/index.js';

const secret = 'webhook-secret-123';
// Spacing and key order as sent, so re-serialising the parsed JSON gives other bytes.
const rawBody =
  '{"EventId":"6f1c0e7a-1111-2222-3333-444455556666", "Timestamp":"2026-05-01T10:00:00Z","Changes":["name","updated"],"Event":"contact.changed","PrimaryKey":123,"Entity":"contact","ContextIdentifier":"Cust12345","ChangedByAssociateId":5,"WebhookName":"databridge","FieldValues":{"contact_id":123},"Name":"Æøå"}';
const signature = createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');

describe('verifyWebhookSignature', () => {
  it('accepts the raw body with the right secret, as string or bytes', () => {
    expect(verifyWebhookSignature(rawBody, signature, secret)).toBe(true);
    expect(verifyWebhookSignature(new TextEncoder().encode(rawBody), signature, secret)).toBe(true);
    expect(verifyWebhookSignature(rawBody, ` ${signature} `, secret)).toBe(true);
    expect(signWebhookBody(rawBody, secret)).toBe(signature);
  });

  it('rejects a tampered body', () => {
    expect(
      verifyWebhookSignature(rawBody.replace('"PrimaryKey":123', '"PrimaryKey":124'), signature, secret),
    ).toBe(false);
  });

  it('rejects the wrong secret', () => {
    expect(verifyWebhookSignature(rawBody, signature, 'other-secret')).toBe(false);
    expect(verifyWebhookSignature(rawBody, signature, '')).toBe(false);
  });

  it('rejects re-serialised JSON (the signature covers the raw bytes)', () => {
    const reserialised = JSON.stringify(JSON.parse(rawBody));
    expect(reserialised).not.toBe(rawBody);
    expect(verifyWebhookSignature(reserialised, signature, secret)).toBe(false);
  });

  it('rejects missing, malformed and truncated headers', () => {
    expect(verifyWebhookSignature(rawBody, undefined, secret)).toBe(false);
    expect(verifyWebhookSignature(rawBody, null, secret)).toBe(false);
    expect(verifyWebhookSignature(rawBody, '', secret)).toBe(false);
    expect(verifyWebhookSignature(rawBody, 'not base64!', secret)).toBe(false);
    expect(verifyWebhookSignature(rawBody, signature.slice(0, 20), secret)).toBe(false);
    expect(
      verifyWebhookSignature(rawBody, createHmac('sha1', secret).update(rawBody).digest('base64'), secret),
    ).toBe(false);
  });
});

describe('parseWebhookEvent', () => {
  it('gives a typed event, keeping unknown fields', () => {
    const event = parseWebhookEvent(rawBody);
    expect(event.Event).toBe('contact.changed');
    expect(event.EventId).toBe('6f1c0e7a-1111-2222-3333-444455556666');
    expect(event.PrimaryKey).toBe(123);
    expect(event.Entity).toBe('contact');
    expect(event.ContextIdentifier).toBe('Cust12345');
    expect(event.ChangedByAssociateId).toBe(5);
    expect(event.Changes).toStrictEqual(['name', 'updated']);
    expect(event.FieldValues).toStrictEqual({ contact_id: 123 });
    expect(event.Name).toBe('Æøå');
    expect(splitWebhookEventName(event.Event)).toStrictEqual({ entity: 'contact', action: 'changed' });
    expect(splitWebhookEventName('webhook12.stopped')).toStrictEqual({
      entity: 'webhook12',
      action: 'stopped',
    });
    expect(splitWebhookEventName('test')).toStrictEqual({ entity: 'test', action: '' });
  });

  it('reads delete events with Values, and bytes', () => {
    const body =
      '{"EventId":"e1","Event":"sale.deleted","PrimaryKey":7,"Values":{"sale_id":7,"contact_id":3}}';
    const event = parseWebhookEvent(new TextEncoder().encode(body));
    expect(event.Values).toStrictEqual({ sale_id: 7, contact_id: 3 });
  });

  it('names the missing or mistyped field in a protocol error', () => {
    const missing = capture(() => parseWebhookEvent('{"EventId":"e1","PrimaryKey":1}'));
    expect(isSuperOfficeError(missing, 'protocol')).toBe(true);
    expect(missing.message).toContain('field "Event" is required but missing');
    const mistyped = capture(() => parseWebhookEvent('{"EventId":"e1","Event":"x","PrimaryKey":"1"}'));
    expect(mistyped.message).toContain('field "PrimaryKey" is invalid');
    expect(capture(() => parseWebhookEvent('not json')).message).toContain('is not JSON');
  });
});

function capture(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
