import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSystemUserPrivateKey, signSystemUserToken } from '../../src/auth/system-user.js';
import { SuperOfficeConfigError } from '../../src/errors/superoffice-config-error.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

/** The RSA-XML form SuperOffice hands out (superoffice.md §5). */
function toRsaXml(): string {
  const jwk = privateKey.export({ format: 'jwk' });
  const b64 = (value: string | undefined) => Buffer.from(value ?? '', 'base64url').toString('base64');
  return `<RSAKeyValue><Modulus>${b64(jwk.n)}</Modulus><Exponent>${b64(jwk.e)}</Exponent><P>${b64(jwk.p)}</P><Q>${b64(jwk.q)}</Q><DP>${b64(jwk.dp)}</DP><DQ>${b64(jwk.dq)}</DQ><InverseQ>${b64(jwk.qi)}</InverseQ><D>${b64(jwk.d)}</D></RSAKeyValue>`;
}

function verify(signed: string): { payload: string; ok: boolean } {
  const dot = signed.lastIndexOf('.');
  const payload = signed.slice(0, dot);
  const ok = createVerify('RSA-SHA256')
    .update(payload)
    .verify(publicKey, signed.slice(dot + 1), 'base64');
  return { payload, ok };
}

describe('signSystemUserToken', () => {
  const now = new Date(Date.UTC(2026, 10, 29, 7, 5));

  it('signs "{systemToken}.{yyyyMMddHHmm UTC}" with RSA-SHA256 and appends the base64 signature', () => {
    const signed = signSystemUserToken('DataBridge-abc123', pem, now);
    expect(verify(signed)).toEqual({ payload: 'DataBridge-abc123.202611290705', ok: true });
  });

  it('accepts the same key in RSA-XML form and produces the same signature', () => {
    expect(signSystemUserToken('DataBridge-abc123', toRsaXml(), now)).toBe(
      signSystemUserToken('DataBridge-abc123', pem, now),
    );
  });

  it('names an unreadable key', () => {
    expect(() => readSystemUserPrivateKey('not a key')).toThrow(SuperOfficeConfigError);
    expect(() => readSystemUserPrivateKey('<RSAKeyValue><Modulus>AQAB</Modulus></RSAKeyValue>')).toThrow(
      /privateKey: could not be read: <Exponent> is missing/,
    );
  });
});
