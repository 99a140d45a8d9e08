import { describe, expect, it } from 'vitest';
import type { SealedRecord } from '../../src/model/index.js';
import { encodeMasterKey, generateMasterKey, TokenVault, VaultError } from '../../src/vault/index.js';

const secret = JSON.stringify({ accessToken: 'ACCESS-9f2c-secret', refreshToken: 'REFRESH-77aa-secret' });
const masterKey = generateMasterKey();
const vault = new TokenVault({ masterKey });

type Field = 'iv' | 'tag' | 'ct' | 'wrappedDek' | 'dekIv' | 'dekTag';
const fields: Field[] = ['iv', 'tag', 'ct', 'wrappedDek', 'dekIv', 'dekTag'];

function flipByte(record: SealedRecord, field: Field, index: number): SealedRecord {
  const bytes = Buffer.from(record[field], 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return { ...record, [field]: bytes.toString('base64') };
}

function expectVaultError(fn: () => unknown): VaultError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    const message = (error as Error).message;
    expect(message).not.toContain('ACCESS-9f2c');
    expect(message).not.toContain('REFRESH-77aa');
    expect(message).not.toContain(encodeMasterKey(masterKey));
    return error as VaultError;
  }
  throw new Error('expected a VaultError');
}

describe('TokenVault seal and open', () => {
  it('round-trips and never puts the plaintext in the record', () => {
    const sealed = vault.seal('conn-1', 'tokens', secret);
    expect(Object.keys(sealed).sort()).toEqual([
      'ct',
      'dekIv',
      'dekTag',
      'iv',
      'kid',
      'tag',
      'v',
      'wrappedDek',
    ]);
    expect(sealed).toMatchObject({ v: 1, kid: masterKey.kid });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toContain('secret');
    expect(vault.open('conn-1', 'tokens', sealed)).toBe(secret);
  });

  it('uses a fresh data key and IV every time', () => {
    const a = vault.seal('conn-1', 'tokens', secret);
    const b = vault.seal('conn-1', 'tokens', secret);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(a.wrappedDek).not.toBe(b.wrappedDek);
  });

  for (const field of fields) {
    it(`fails with a clear error when any byte of ${field} is changed`, () => {
      const sealed = vault.seal('conn-1', 'tokens', secret);
      const length = Buffer.from(sealed[field], 'base64').length;
      for (let index = 0; index < length; index++) {
        const error = expectVaultError(() => vault.open('conn-1', 'tokens', flipByte(sealed, field, index)));
        expect(error.message).toMatch(
          /Cannot open the sealed tokens of connection "conn-1": .*failed authentication/,
        );
      }
    });
  }

  it('fails when a field is shortened or is not base64', () => {
    const sealed = vault.seal('conn-1', 'tokens', secret);
    expectVaultError(() => vault.open('conn-1', 'tokens', { ...sealed, tag: sealed.tag.slice(0, 8) }));
    expectVaultError(() => vault.open('conn-1', 'tokens', { ...sealed, iv: '%%%' }));
  });

  it('binds the connection id and the purpose (AAD): a record cannot move to another row or use', () => {
    const sealed = vault.seal('conn-1', 'tokens', secret);
    expectVaultError(() => vault.open('conn-2', 'tokens', sealed));
    expectVaultError(() => vault.open('conn-1', 'client_secret', sealed));
  });

  it('binds the key id: a changed kid, or an unknown master key, fails', () => {
    const sealed = vault.seal('conn-1', 'tokens', secret);
    const other = generateMasterKey();
    const withOtherKid = { ...sealed, kid: other.kid };
    expect(expectVaultError(() => vault.open('conn-1', 'tokens', withOtherKid)).message).toMatch(
      /wrapped with master key .* which this vault does not have/,
    );
    const both = new TokenVault({ masterKey: other, previousKeys: [masterKey] });
    expectVaultError(() => both.open('conn-1', 'tokens', withOtherKid));
    expectVaultError(() => new TokenVault({ masterKey: other }).open('conn-1', 'tokens', sealed));
  });
});
