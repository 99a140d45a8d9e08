import { describe, expect, it } from 'vitest';
import {
  connectService,
  createVismaClient,
  discoverVismaAuth,
  type VismaAuth,
  VismaConfigError,
  type VismaConnection,
} from '../../src/index.js';

// Bad options fail at construction with a VismaConfigError, before any request: the fetch below must never run.
const neverFetch = async (): Promise<Response> => {
  throw new Error('no request may be sent for invalid options');
};

const auth = {
  options: {
    clientId: 'isv_acme',
    clientSecret: undefined,
    issuer: 'https://connect.visma.com',
    timeoutMs: 30_000,
  },
} as unknown as VismaAuth;
const connection: VismaConnection = {
  kind: 'service',
  clientId: 'isv_acme',
  companyId: '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01',
  tokens: { accessToken: 'opaque', expiresAt: Date.now() + 3_600_000, issuedAt: Date.now(), scopes: [] },
};

describe('configuration errors at construction', () => {
  it('discoverVismaAuth: a missing client id', async () => {
    await expect(discoverVismaAuth({} as never, { fetch: neverFetch })).rejects.toThrow(
      /Invalid Visma client options: clientId: is required/,
    );
  });

  it('discoverVismaAuth: a non-https issuer outside loopback', async () => {
    const error = await discoverVismaAuth(
      { clientId: 'isv_acme', issuer: 'http://connect.example.com' },
      { fetch: neverFetch },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VismaConfigError);
    expect((error as VismaConfigError).issues).toEqual([
      {
        path: 'issuer',
        message: 'issuer must use https (plain http is allowed only on loopback, e.g. the sandbox)',
      },
    ]);
  });

  it('createVismaClient: a malformed company id', () => {
    expect(() => createVismaClient({ auth, connection, companyId: 'Nordlys' })).toThrow(VismaConfigError);
    expect(() => createVismaClient({ auth, connection, companyId: 'Nordlys' })).toThrow(
      /companyId: must be a tenant id GUID/,
    );
  });

  it('createVismaClient: an impossible concurrency and a non-https API base', () => {
    expect(() =>
      createVismaClient({ auth, connection, concurrency: 100, apiBaseUrl: 'http://api.example.com/v1' }),
    ).toThrow(/apiBaseUrl: apiBaseUrl must use https.*concurrency: must be at most 16/);
  });

  it('createVismaClient warns about the legacy host instead of failing', () => {
    const warnings: string[] = [];
    createVismaClient({
      auth,
      connection,
      apiBaseUrl: 'https://integration.visma.net/API/controller/api/v1',
      onWarning: (message) => warnings.push(message),
    });
    expect(warnings).toEqual([expect.stringContaining('legacy host integration.visma.net')]);
  });

  it('connectService: a malformed tenant id and a missing secret', async () => {
    await expect(connectService(auth, { companyId: '123' })).rejects.toThrow(
      /companyId: must be the Company tenant id/,
    );
    await expect(connectService(auth, { companyId: connection.companyId })).rejects.toThrow(
      /clientSecret: is required for the Service API/,
    );
  });
});
