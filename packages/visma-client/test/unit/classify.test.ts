import { describe, expect, it } from 'vitest';
import { classifyNetworkError, classifyVismaError } from '../../src/errors/classify.js';
import { isVismaError, VismaError } from '../../src/errors/visma-error.js';

const company = {
  companyId: '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01',
  companyName: 'Nordlys AS',
  user: 'ada@nordlys.example',
};

describe('classifyVismaError: the four Visma.net body shapes', () => {
  it('IPP 12002 (the legacy ipp-company-id failure) → reauth_required naming the role and the company', () => {
    const error = classifyVismaError(
      {
        status: 400,
        body: {
          ExceptionType: 'IPPException',
          ExceptionMessage:
            'Invalid parameter exception: ipp-company-id (12002_12002_1f9c2f6e-0000-4000-8000-000000000001)',
          ExceptionFaultCode: '12002',
          ExceptionMessageID: '12002_12002_1f9c2f6e-0000-4000-8000-000000000001',
          ExceptionDetails: '',
        },
      },
      company,
    );
    expect(error).toBeInstanceOf(VismaError);
    expect(error).toMatchObject({
      kind: 'reauth_required',
      retryable: false,
      status: 400,
      faultCode: '12002',
      correlationId: '12002_12002_1f9c2f6e-0000-4000-8000-000000000001',
    });
    expect(error.remedy).toContain("'API User' role");
    expect(error.remedy).toContain('Nordlys AS');
    expect(error.remedy).toContain('reconnect');
  });

  it('the legacy message alone (plain text, no fault field) is recognised too', () => {
    const error = classifyVismaError({
      status: 400,
      body: 'Invalid parameter exception: ipp-company-id (12002_abc)',
    });
    expect(error.kind).toBe('reauth_required');
  });

  it('IPP 12027 "No license" → permission: give the user API User on the company', () => {
    const error = classifyVismaError(
      {
        status: 400,
        body: JSON.stringify({
          ExceptionType: 'IPPException',
          ExceptionMessage: 'No license for this company.',
          ExceptionFaultCode: '12027',
          ExceptionMessageID: '12027_9a0b',
          ExceptionDetails: '',
        }),
      },
      company,
    );
    expect(error.kind).toBe('permission');
    expect(error.remedy).toBe(
      "Give user ada@nordlys.example the 'API User' role for company Nordlys AS (6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01) in Visma.net Admin (Users and roles), wait 10-15 minutes, then reconnect as that user.",
    );
  });

  it('{"message": "VismaId: …"} → validation with the VismaId as correlation id', () => {
    const error = classifyVismaError({
      status: 400,
      body: {
        message:
          "VismaId: 4f3c1d2e-aaaa-bbbb-cccc-123456789abc. Error creating document. Error: TaxCategoryID '0' cannot be found in the system.",
      },
    });
    expect(error).toMatchObject({
      kind: 'validation',
      correlationId: '4f3c1d2e-aaaa-bbbb-cccc-123456789abc',
    });
    expect(error.detail).toContain("TaxCategoryID '0'");
    expect(error.message).toContain('Visma.net rejected the data [400]');
  });

  it('{"Message": …} (ASP.NET style) on 404 → not_found', () => {
    const error = classifyVismaError({ status: 404, body: { Message: 'No HTTP resource was found' } });
    expect(error).toMatchObject({
      kind: 'not_found',
      detail: 'No HTTP resource was found',
      retryable: false,
    });
  });

  it('gateway HTML on 502 → transient, keeping the title and never the markup', () => {
    const html = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body>${'<p>x</p>'.repeat(2000)}</body></html>`;
    const error = classifyVismaError({ status: 502, body: html });
    expect(error).toMatchObject({ kind: 'transient', retryable: true, detail: '502 Bad Gateway' });
    expect(error.body?.length).toBeLessThan(1100);
  });

  it('an empty body on 503 → transient', () => {
    expect(classifyVismaError({ status: 503, body: '' })).toMatchObject({
      kind: 'transient',
      retryable: true,
    });
  });
});

describe('classifyVismaError: Visma Connect OAuth errors', () => {
  it('invalid_grant → reauth_required', () => {
    const error = classifyVismaError(
      { status: 400, body: { error: 'invalid_grant' } },
      { ...company, source: 'token' },
    );
    expect(error).toMatchObject({ kind: 'reauth_required', faultCode: 'invalid_grant', retryable: false });
    expect(error.remedy).toContain('reconnect');
  });

  it('invalid_tenant for a user → permission with the API User remedy', () => {
    const error = classifyVismaError(
      {
        status: 400,
        body: {
          error: 'invalid_tenant',
          error_description: 'The application user or subscription is not entitled to use the API',
        },
      },
      { ...company, source: 'token' },
    );
    expect(error.kind).toBe('permission');
    expect(error.remedy).toContain("'API User' role");
  });

  it('invalid_tenant for a service app → permission: approve it in the App Store', () => {
    const error = classifyVismaError(
      { status: 400, body: { error: 'invalid_tenant' } },
      { companyId: company.companyId, clientId: 'isv_acme', source: 'token' },
    );
    expect(error.kind).toBe('permission');
    expect(error.remedy).toContain('Integration Administrator must approve it in the Visma App Store');
    expect(error.remedy).toContain('isv_acme');
  });

  it('invalid_client → reauth_required pointing at the Developer Portal', () => {
    expect(classifyVismaError({ status: 401, body: { error: 'invalid_client' } }).remedy).toContain(
      'Developer Portal',
    );
  });
});

describe('classifyVismaError: statuses', () => {
  it('401 on a token that was just issued → tenant (the Customer vs Company tenant id trap)', () => {
    const error = classifyVismaError({ status: 401, body: '' }, { ...company, tokenAgeMs: 2_000 });
    expect(error.kind).toBe('tenant');
    expect(error.remedy).toContain('Customer tenant id instead of the Company tenant id');
  });

  it('401 on an older token → auth_expired', () => {
    expect(classifyVismaError({ status: 401 }, { tokenAgeMs: 3_000_000 }).kind).toBe('auth_expired');
    expect(classifyVismaError({ status: 401 }).kind).toBe('auth_expired');
  });

  it('403 → permission, 404 → not_found, 409/412 → conflict, 400 → validation, 500 → unknown', () => {
    expect(classifyVismaError({ status: 403 }).kind).toBe('permission');
    expect(classifyVismaError({ status: 412, body: { message: 'ETag mismatch' } }).kind).toBe('conflict');
    expect(classifyVismaError({ status: 409 }).kind).toBe('conflict');
    expect(classifyVismaError({ status: 400 }).kind).toBe('validation');
    expect(classifyVismaError({ status: 500 })).toMatchObject({ kind: 'unknown', retryable: false });
  });

  it('429 → rate_limited with Retry-After in seconds or as a date', () => {
    expect(classifyVismaError({ status: 429, headers: new Headers({ 'retry-after': '7' }) })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 7_000,
    });
    const date = new Date(Date.now() + 60_000).toUTCString();
    const fromDate = classifyVismaError({ status: 429, headers: { 'Retry-After': date } });
    expect(fromDate.retryAfterMs).toBeGreaterThan(55_000);
    expect(classifyVismaError({ status: 429, headers: { 'X-RateLimit-Reset': '30' } }).retryAfterMs).toBe(
      30_000,
    );
  });

  it('never reads the budget reset (on every response) as a wait for a 502/503', () => {
    const headers = { 'X-RateLimit-Reset': '3600' };
    expect(classifyVismaError({ status: 503, headers })).toMatchObject({
      kind: 'transient',
      retryAfterMs: undefined,
    });
    expect(classifyVismaError({ status: 503, headers: { 'Retry-After': '2' } }).retryAfterMs).toBe(2_000);
  });

  it('never marks a non-idempotent request retryable', () => {
    expect(classifyVismaError({ status: 503 }, { idempotent: false }).retryable).toBe(false);
  });
});

describe('classifyNetworkError', () => {
  it('is transient and retryable for a GET, and says to look up before re-sending a POST', () => {
    expect(classifyNetworkError(new TypeError('fetch failed'), { request: 'GET /customer' })).toMatchObject({
      kind: 'transient',
      status: 0,
      retryable: true,
    });
    const post = classifyNetworkError(new Error('socket hang up'), {
      request: 'POST /customer',
      idempotent: false,
    });
    expect(post.retryable).toBe(false);
    expect(post.remedy).toContain('look the record up before sending it again');
  });
});

describe('redaction', () => {
  it('keeps tokens and secrets out of message, detail, body and JSON', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const error = classifyVismaError({
      status: 400,
      body: {
        message: `VismaId: 1234abcd-0000. Bad token Bearer ${jwt} client_secret=hunter2 "refresh_token":"r3fr3sh"`,
      },
    });
    const everything = JSON.stringify({ ...error.toJSON(), body: error.body, message: error.message });
    expect(everything).not.toContain(jwt);
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain('r3fr3sh');
    expect(everything).toContain('[REDACTED]');
  });

  it('isVismaError narrows by kind', () => {
    const error = classifyVismaError({ status: 429 });
    expect(isVismaError(error)).toBe(true);
    expect(isVismaError(error, 'rate_limited')).toBe(true);
    expect(isVismaError(error, 'tenant')).toBe(false);
    expect(isVismaError(new Error('x'))).toBe(false);
  });
});
