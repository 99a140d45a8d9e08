import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { identityClaims } from '../../src/superoffice/auth-host/accounts.js';
import { rewritePlainPkce } from '../../src/superoffice/auth-host/authorize-request.js';
import { tenantUrls } from '../../src/superoffice/auth-host/tenant-urls.js';
import { SUPEROFFICE_SEED } from '../../src/superoffice/seed.js';

const VERIFIER = 'a'.repeat(43);

function rewrite(url: string, method = 'GET'): string | undefined {
  const request = { url, method } as IncomingMessage;
  rewritePlainPkce(request);
  return request.url;
}

describe('rewritePlainPkce (superoffice.md §3: no method means plain)', () => {
  const s256 = createHash('sha256').update(VERIFIER).digest('base64url');

  it('turns a challenge without a method, or with plain, into its S256 form', () => {
    for (const suffix of ['', '&code_challenge_method=plain']) {
      const url = new URL(
        rewrite(`/login/common/oauth/authorize?client_id=a&code_challenge=${VERIFIER}${suffix}`) ?? '',
        'http://x',
      );
      expect(url.searchParams.get('code_challenge')).toBe(s256);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('client_id')).toBe('a');
    }
  });

  it('leaves S256 requests, other paths, POSTs and impossible verifiers alone', () => {
    for (const [url, method] of [
      [`/login/common/oauth/authorize?code_challenge=${VERIFIER}&code_challenge_method=S256`, 'GET'],
      [`/login/common/oauth/tokens?code_challenge=${VERIFIER}`, 'GET'],
      [`/login/common/oauth/authorize?code_challenge=${VERIFIER}`, 'POST'],
      ['/login/common/oauth/authorize?code_challenge=short', 'GET'],
    ] as const) {
      expect(rewrite(url, method)).toBe(url);
    }
  });
});

describe('tenant URLs and claims (superoffice.md §2, §4)', () => {
  const tenant = { ...SUPEROFFICE_SEED.tenants[0], state: 'Running' as const, hostIndex: 1 };
  const apiUrl = (ctx: string, host: number) => `http://h${host}.test/${ctx}/api/`;

  it('derives Api, Endpoint, webapi_url and netserver_url from the current host', () => {
    expect(tenantUrls(apiUrl, tenant)).toEqual({
      api: 'http://h1.test/Cust12345/api',
      endpoint: 'http://h1.test/Cust12345',
      webapiUrl: 'http://h1.test/Cust12345/api/',
      netserverUrl: 'http://h1.test/Cust12345/Remote/Services88/',
    });
  });

  it('names every claim under the SuperOffice namespace, as strings', () => {
    const claims = identityClaims({
      user: SUPEROFFICE_SEED.users[1],
      tenant,
      systemToken: undefined,
      tenantApiUrl: apiUrl,
    });
    expect(claims['http://schemes.superoffice.net/identity/is_administrator']).toBe('False');
    expect(claims['http://schemes.superoffice.net/identity/associateid']).toBe('7');
    expect(claims['http://schemes.superoffice.net/identity/system_token']).toBeUndefined();
    expect(
      Object.keys(claims).every((name) => name.startsWith('http://schemes.superoffice.net/identity/')),
    ).toBe(true);
  });
});
