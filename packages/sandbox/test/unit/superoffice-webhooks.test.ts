import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  eventMatches,
  loopbackRuleViolation,
  signWebhookBody,
} from '../../src/superoffice/webhooks/index.js';

describe('SuperOffice webhook building blocks', () => {
  it('signs the raw body as base64(HMAC-SHA256(secret, body))', () => {
    const body = '{"EventId":"e1","Event":"contact.changed"}';
    const expected = createHmac('sha256', 'secret').update(body).digest('base64');
    expect(signWebhookBody('secret', body)).toBe(expected);
    expect(signWebhookBody('secret', `${body} `)).not.toBe(expected);
  });

  it('allows only loopback http(s) targets', () => {
    expect(loopbackRuleViolation('http://127.0.0.1:8080/hook')).toBeUndefined();
    expect(loopbackRuleViolation('https://localhost/hook')).toBeUndefined();
    expect(loopbackRuleViolation('http://[::1]:9000/')).toBeUndefined();
    expect(loopbackRuleViolation('https://hooks.example.com/')).toMatch(/only delivers webhooks to loopback/);
    expect(loopbackRuleViolation('ftp://127.0.0.1/')).toMatch(/loopback/);
    expect(loopbackRuleViolation('not a url')).toMatch(/not an absolute URL/);
  });

  it('matches event names exactly, ignoring case, without wildcards', () => {
    expect(eventMatches(['contact.changed'], 'Contact.Changed')).toBe(true);
    expect(eventMatches(['contact.changed'], 'contact.created')).toBe(false);
    expect(eventMatches(['contact.*'], 'contact.created')).toBe(false);
  });
});
