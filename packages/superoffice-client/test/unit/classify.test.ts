import { describe, expect, it } from 'vitest';
import { classifySuperOfficeError, classifySuperOfficeNetworkError } from '../../src/errors/classify.js';
import { parseSuperOfficeErrorBody } from '../../src/errors/parse-error-body.js';

describe('parseSuperOfficeErrorBody', () => {
  it('reads the {Error, ErrorType, ErrorMessage, ErrorSource} shape', () => {
    expect(
      parseSuperOfficeErrorBody(
        '{"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"Contact id 99999 not found","ErrorSource":"SuperOffice.Services.Implementation"}',
      ),
    ).toEqual({
      shape: 'so',
      message: 'Contact id 99999 not found',
      errorType: 'SoNotFoundException',
      errorSource: 'SuperOffice.Services.Implementation',
    });
  });

  it('reads OAuth errors, HTML pages and empty bodies', () => {
    expect(parseSuperOfficeErrorBody({ error: 'invalid_grant' })).toMatchObject({
      shape: 'oauth',
      errorType: 'invalid_grant',
    });
    expect(
      parseSuperOfficeErrorBody(
        '<html><head><title>503 Service Unavailable</title></head><body>x</body></html>',
      ),
    ).toEqual({
      shape: 'text',
      message: '503 Service Unavailable',
    });
    expect(parseSuperOfficeErrorBody('')).toEqual({ shape: 'empty', message: '' });
  });
});

describe('classifySuperOfficeError', () => {
  const context = { tenant: 'Cust12345', user: 'siri@nordlys.example', request: 'GET /v1/Contact/5' };

  it('404 → not_found with the SuperOffice error type kept', () => {
    const error = classifySuperOfficeError(
      {
        status: 404,
        body: { Error: true, ErrorType: 'SoNotFoundException', ErrorMessage: 'Contact id 5 not found' },
      },
      context,
    );
    expect(error).toMatchObject({
      kind: 'not_found',
      faultCode: 'SoNotFoundException',
      detail: 'Contact id 5 not found',
      tenant: 'Cust12345',
    });
  });

  it('409 (JSON Patch test failed) and 412 (If-Unmodified-Since) → conflict', () => {
    expect(classifySuperOfficeError({ status: 409 }).kind).toBe('conflict');
    expect(classifySuperOfficeError({ status: 412 }).kind).toBe('conflict');
  });

  it('401 → auth_expired first, reauth_required after a renewal', () => {
    expect(classifySuperOfficeError({ status: 401 }, context).kind).toBe('auth_expired');
    const after = classifySuperOfficeError({ status: 401 }, { ...context, afterRenewal: true });
    expect(after.kind).toBe('reauth_required');
    expect(after.remedy).toContain('reconnect');
  });

  it('invalid_grant → reauth_required naming tenant and user; access_denied → permission', () => {
    const revoked = classifySuperOfficeError({ status: 400, body: { error: 'invalid_grant' } }, context);
    expect(revoked.kind).toBe('reauth_required');
    expect(revoked.remedy).toContain('tenant Cust12345');
    expect(revoked.remedy).toContain('siri@nordlys.example');
    expect(
      classifySuperOfficeError({ status: 400, body: { error: 'access_denied' } }, context).remedy,
    ).toContain('administrator');
  });

  it('429 and 503 → retryable with Retry-After; 421 that survives re-resolving → tenant', () => {
    expect(classifySuperOfficeError({ status: 429, headers: { 'retry-after': '2' } })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(classifySuperOfficeError({ status: 503 })).toMatchObject({ kind: 'transient', retryable: true });
    expect(classifySuperOfficeError({ status: 421 }).kind).toBe('tenant');
  });

  it('never marks a POST retryable, and says to look before re-sending', () => {
    expect(classifySuperOfficeError({ status: 503 }, { idempotent: false }).retryable).toBe(false);
    const dropped = classifySuperOfficeNetworkError(new TypeError('fetch failed'), { idempotent: false });
    expect(dropped.retryable).toBe(false);
    expect(dropped.remedy).toContain('look the record up');
  });

  it('redacts tokens in details', () => {
    const error = classifySuperOfficeError({
      status: 400,
      body: { Error: true, ErrorMessage: 'bad ticket SOTicket 7T:abc Bearer 8A:Cust1.secret' },
    });
    expect(error.detail).toContain('Bearer [REDACTED]');
    expect(error.detail).not.toContain('8A:Cust1.secret');
  });
});
