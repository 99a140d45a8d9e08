import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  encodeMasterKey,
  generateMasterKey,
  loadMasterKey,
  MASTER_KEY_FILE,
  MasterKeyError,
} from '../../src/vault/index.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'databridge-key-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('loadMasterKey', () => {
  it('takes DATABRIDGE_MASTER_KEY when set, and writes no key file', () => {
    const key = generateMasterKey();
    const loaded = loadMasterKey({ home, env: { DATABRIDGE_MASTER_KEY: encodeMasterKey(key) } });
    expect(loaded.source).toBe('env');
    expect(loaded.masterKey.kid).toBe(key.kid);
    expect(() => statSync(join(home, MASTER_KEY_FILE))).toThrow();
  });

  for (const [label, value] of [
    ['not base64', 'not a key!'],
    ['too short', Buffer.alloc(16).toString('base64')],
    ['too long', Buffer.alloc(48).toString('base64')],
    ['empty', ''],
  ] as const) {
    it(`names the variable (never the value) when it is ${label}`, () => {
      const load = () => loadMasterKey({ home, env: { DATABRIDGE_MASTER_KEY: value } });
      expect(load).toThrow(MasterKeyError);
      expect(load).toThrow(/DATABRIDGE_MASTER_KEY must be the base64 encoding of exactly 32 bytes/);
      try {
        load();
      } catch (error) {
        if (value) expect((error as Error).message).not.toContain(value);
      }
    });
  }

  it('creates the key file with mode 0600 on first use and reads the same key afterwards', () => {
    const first = loadMasterKey({ home, env: {} });
    expect(first.source).toBe('created');
    expect(statSync(join(home, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = loadMasterKey({ home, env: {} });
    expect(second.source).toBe('file');
    expect(second.masterKey.kid).toBe(first.masterKey.kid);
    expect(second.masterKey.key.equals(first.masterKey.key)).toBe(true);
  });

  it('creates a missing home folder (mode 0700) for the key file, and leaves no temporary file', () => {
    const nested = join(home, 'new-home');
    expect(loadMasterKey({ home: nested, env: {} }).source).toBe('created');
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(readdirSync(nested)).toEqual([MASTER_KEY_FILE]);
  });

  it('refuses a key file that others may read, naming the file and the fix', () => {
    loadMasterKey({ home, env: {} });
    const file = join(home, MASTER_KEY_FILE);
    chmodSync(file, 0o644);
    expect(() => loadMasterKey({ home, env: {} })).toThrow(MasterKeyError);
    expect(() => loadMasterKey({ home, env: {} })).toThrow(`chmod 600 ${file}`);
  });

  it('refuses a malformed key file without showing its content', () => {
    const file = join(home, MASTER_KEY_FILE);
    writeFileSync(file, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => loadMasterKey({ home, env: {} })).toThrow(
      /does not hold the base64 encoding of exactly 32 bytes/,
    );
  });
});
