import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VismaConnection, VismaTokenStore } from '@databridge/visma-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';
import { generateMasterKey, sealedTokenStore, TokenVault } from '../../src/vault/index.js';

let home: string;
let store: SqliteStore;
beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'databridge-vault-'));
  store = await SqliteStore.open({ home });
});
afterEach(async () => {
  await store.close();
  rmSync(home, { recursive: true, force: true });
});

const vismaConnection = (accessToken: string, refreshToken: string): VismaConnection => ({
  kind: 'interactive',
  clientId: 'app',
  companyId: 'company-1',
  user: { sub: 'user-1', email: 'ann@example.com' },
  tokens: { accessToken, refreshToken, expiresAt: 2, issuedAt: 1, scopes: ['ea:api'] },
});

describe('master key rotation', () => {
  it('re-wraps every data key and keeps every token readable with only the new key', async () => {
    const oldKey = generateMasterKey();
    const vault = new TokenVault({ masterKey: oldKey, store });
    const tokens = sealedTokenStore<VismaConnection>(store, vault);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await store.createConnection({ system: 'visma', name: `c${i}`, tenantId: `t${i}` });
      expect(await tokens.compareAndSwap(id, 1, vismaConnection(`at-${i}`, `rt-${i}`))).toBe(true);
      ids.push(id);
    }
    const before = await store.listConnections();

    const newKey = generateMasterKey();
    expect(await vault.rotateMasterKey(newKey)).toEqual({ rewrapped: 5, alreadyCurrent: 0 });
    expect(await vault.rotateMasterKey(newKey)).toEqual({ rewrapped: 0, alreadyCurrent: 5 });

    const fresh = sealedTokenStore<VismaConnection>(store, new TokenVault({ masterKey: newKey }));
    for (const [i, id] of ids.entries()) {
      const loaded = await fresh.load(id);
      expect(loaded?.connection.tokens.accessToken).toBe(`at-${i}`);
      expect(loaded?.connection.tokens.refreshToken).toBe(`rt-${i}`);
      expect(loaded?.version).toBe(2);
    }
    const after = await store.listConnections();
    for (const [i, connection] of after.entries()) {
      const earlier = before[i];
      expect(connection.tokens?.kid).toBe(newKey.kid);
      expect(connection.tokens?.ct).toBe(earlier?.tokens?.ct);
      expect(connection.tokens?.wrappedDek).not.toBe(earlier?.tokens?.wrappedDek);
    }
    const [firstId] = ids;
    const firstTokens = after[0]?.tokens;
    if (!firstId || !firstTokens) throw new Error('setup');
    expect(() => new TokenVault({ masterKey: oldKey }).open(firstId, 'tokens', firstTokens)).toThrow(
      /does not have/,
    );
  });
});

describe('the store as a token store', () => {
  it('is a VismaTokenStore whose compare-and-swap refuses a stale version', async () => {
    const vault = new TokenVault({ masterKey: generateMasterKey() });
    const tokens: VismaTokenStore = sealedTokenStore<VismaConnection>(store, vault);
    const { id } = await store.createConnection({ system: 'visma', name: 'v', tenantId: 'company-1' });
    expect(await tokens.load(id)).toBeUndefined();
    expect(await tokens.compareAndSwap(id, 1, vismaConnection('a1', 'r1'))).toBe(true);
    expect(await tokens.compareAndSwap(id, 1, vismaConnection('a2', 'r2'))).toBe(false);
    expect((await tokens.load(id))?.connection.tokens.refreshToken).toBe('r1');
  });

  it('saves SuperOffice renewals whatever the version', async () => {
    const vault = new TokenVault({ masterKey: generateMasterKey() });
    const tokens = sealedTokenStore<{ ticket: string }>(store, vault);
    const { id } = await store.createConnection({ system: 'superoffice', name: 's', tenantId: 'Cust1' });
    await tokens.save(id, { ticket: 'one' });
    await tokens.save(id, { ticket: 'two' });
    expect(await tokens.load(id)).toEqual({ version: 3, connection: { ticket: 'two' } });
  });
});

describe('the database file', () => {
  it('never contains a token string', async () => {
    const accessToken = 'eyJ-KNOWN-ACCESS-TOKEN-4f1d9a';
    const refreshToken = 'KNOWN-REFRESH-TOKEN-b83e77';
    const vault = new TokenVault({ masterKey: generateMasterKey(), store });
    const tokens = sealedTokenStore<VismaConnection>(store, vault);
    const { id } = await store.createConnection({ system: 'visma', name: 'v', tenantId: 'company-1' });
    await tokens.compareAndSwap(id, 1, vismaConnection(accessToken, refreshToken));
    await vault.rotateMasterKey(generateMasterKey());
    const files = readdirSync(home).filter((name) => name.startsWith('databridge.db'));
    expect(files).toContain('databridge.db');
    const check = () => {
      for (const name of readdirSync(home).filter((file) => file.startsWith('databridge.db'))) {
        const bytes = readFileSync(join(home, name));
        for (const token of [accessToken, refreshToken]) {
          expect(bytes.includes(token)).toBe(false);
          expect(bytes.includes(Buffer.from(token).toString('base64'))).toBe(false);
          expect(bytes.includes(Buffer.from(token, 'utf16le'))).toBe(false);
        }
      }
    };
    check();
    await store.close();
    check();
    store = await SqliteStore.open({ home });
  });
});
