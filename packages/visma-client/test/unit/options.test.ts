import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VISMA_API_BASE_URL,
  DEFAULT_VISMA_ISSUER,
  resolveVismaClientOptions,
  VismaConfigError,
} from '../../src/index.js';

const companyId = '5F0C3A8E-1B2C-4D5E-8F90-123456789ABC';

function configError(fn: () => unknown): VismaConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(VismaConfigError);
    return error as VismaConfigError;
  }
  throw new Error('expected a VismaConfigError');
}

describe('resolveVismaClientOptions', () => {
  it('fills in the documented defaults and normalises the tenant id', () => {
    const resolved = resolveVismaClientOptions({ clientId: 'isv_acme', companyId });
    expect(resolved).toEqual({
      clientId: 'isv_acme',
      clientSecret: undefined,
      companyId: companyId.toLowerCase(),
      issuer: DEFAULT_VISMA_ISSUER,
      apiBaseUrl: DEFAULT_VISMA_API_BASE_URL,
      userAgent: undefined,
      timeoutMs: 30_000,
      concurrency: 4,
      warnings: [],
    });
  });

  it('accepts plain http on loopback for the sandbox and strips trailing slashes', () => {
    const resolved = resolveVismaClientOptions({
      clientId: 'isv_acme',
      companyId,
      issuer: 'http://127.0.0.1:4010/',
      apiBaseUrl: 'http://localhost:4011/v1/',
    });
    expect(resolved.issuer).toBe('http://127.0.0.1:4010');
    expect(resolved.apiBaseUrl).toBe('http://localhost:4011/v1');
  });

  it('names a missing client id', () => {
    const error = configError(() => resolveVismaClientOptions({ companyId } as never));
    expect(error.issues).toEqual([{ path: 'clientId', message: expect.stringContaining('is required') }]);
    expect(error.message).toMatch(/^Invalid Visma client options: clientId: is required/);
  });

  it('refuses a non-https issuer outside loopback', () => {
    const error = configError(() =>
      resolveVismaClientOptions({ clientId: 'isv_acme', companyId, issuer: 'http://connect.example.com' }),
    );
    expect(error.issues[0]?.path).toBe('issuer');
    expect(error.issues[0]?.message).toMatch(/must use https/);
  });

  it('refuses a malformed tenant id and says which id is meant', () => {
    const error = configError(() => resolveVismaClientOptions({ clientId: 'isv_acme', companyId: '12345' }));
    expect(error.issues[0]?.path).toBe('companyId');
    expect(error.issues[0]?.message).toMatch(/Company tenant id/);
  });

  it('reports every problem at once, including unknown options', () => {
    const error = configError(() =>
      resolveVismaClientOptions({ clientId: '', companyId: 'x', concurrency: 0, compnyId: 'typo' } as never),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      '',
      'clientId',
      'companyId',
      'concurrency',
    ]);
    expect(error.message).toContain('unknown option(s): compnyId');
  });

  it('never echoes the client secret in an error', () => {
    const error = configError(() =>
      resolveVismaClientOptions({ clientId: 'isv_acme', clientSecret: 'sup3r-secret', companyId: 'nope' }),
    );
    expect(error.message).not.toContain('sup3r-secret');
    expect(JSON.stringify(error.issues)).not.toContain('sup3r-secret');
  });

  it('warns about the throttled legacy host', () => {
    const resolved = resolveVismaClientOptions({
      clientId: 'isv_acme',
      companyId,
      apiBaseUrl: 'https://integration.visma.net/API/controller/api/v1',
    });
    expect(resolved.warnings).toEqual([expect.stringContaining('legacy host integration.visma.net')]);
  });
});
