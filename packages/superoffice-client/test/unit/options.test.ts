import { describe, expect, it } from 'vitest';
import { resolveSuperOfficeClientOptions, SuperOfficeConfigError } from '../../src/index.js';

function configError(fn: () => unknown): SuperOfficeConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SuperOfficeConfigError);
    return error as SuperOfficeConfigError;
  }
  throw new Error('expected a SuperOfficeConfigError');
}

describe('resolveSuperOfficeClientOptions', () => {
  it('defaults to production and its authentication host', () => {
    expect(resolveSuperOfficeClientOptions({ clientId: 'app', tenant: 'Cust12345' })).toEqual({
      environment: 'online',
      issuer: 'https://online.superoffice.com',
      clientId: 'app',
      clientSecret: undefined,
      tenant: 'Cust12345',
      userAgent: undefined,
      timeoutMs: 30_000,
      requestsPerSecond: 10,
    });
  });

  it('resolves each named environment', () => {
    expect(
      resolveSuperOfficeClientOptions({ clientId: 'a', tenant: 'Cust1', environment: 'sod' }).issuer,
    ).toBe('https://sod.superoffice.com');
    expect(
      resolveSuperOfficeClientOptions({ clientId: 'a', tenant: 'Cust1', environment: 'qaonline' }).issuer,
    ).toBe('https://qaonline.superoffice.com');
  });

  it('accepts a custom issuer such as the loopback sandbox', () => {
    const resolved = resolveSuperOfficeClientOptions({
      clientId: 'a',
      tenant: 'Cust1',
      environment: 'http://127.0.0.1:4020/',
    });
    expect(resolved).toMatchObject({ environment: 'custom', issuer: 'http://127.0.0.1:4020' });
  });

  it('refuses plain http outside loopback and unknown environment names', () => {
    expect(
      configError(() =>
        resolveSuperOfficeClientOptions({
          clientId: 'a',
          tenant: 'Cust1',
          environment: 'http://so.example.com',
        }),
      ).message,
    ).toMatch(/environment: must use https/);
    expect(
      configError(() =>
        resolveSuperOfficeClientOptions({ clientId: 'a', tenant: 'Cust1', environment: 'prod' }),
      ).message,
    ).toMatch(/environment: must be one of sod, qaonline, online/);
  });

  it('names a missing client id and a malformed tenant together', () => {
    const error = configError(() => resolveSuperOfficeClientOptions({ tenant: '12345' } as never));
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['clientId', 'tenant']);
    expect(error.message).toContain('tenant: must be a context identifier such as Cust12345');
  });

  it('never echoes the client secret', () => {
    const error = configError(() =>
      resolveSuperOfficeClientOptions({ clientId: 'a', clientSecret: 'hunter2-secret', tenant: 'bad' }),
    );
    expect(error.message).not.toContain('hunter2-secret');
  });
});
