import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE, loadSystemsConfig, SystemsConfigError } from '../../src/config/systems-config.js';
import { TOKENS_PURPOSE } from '../../src/model/index.js';
import { encodeMasterKey, generateMasterKey, MasterKeyError } from '../../src/vault/index.js';
import { openWorkspace } from '../../src/workspace/index.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'databridge-workspace-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('loadSystemsConfig', () => {
  it('reads config.json and lets DATABRIDGE_* variables override it', () => {
    writeFileSync(
      join(home, CONFIG_FILE),
      JSON.stringify({
        visma: { clientId: 'from-file', clientSecret: 's3cret' },
        superoffice: { clientId: 'so' },
      }),
    );
    const config = loadSystemsConfig({ home, env: { DATABRIDGE_VISMA_CLIENT_ID: 'from-env' } });
    expect(config.visma).toMatchObject({
      clientId: 'from-env',
      clientSecret: 's3cret',
      issuer: 'https://connect.visma.com',
    });
    expect(config.superoffice).toMatchObject({ clientId: 'so', environment: 'online' });
  });

  it('is empty without file or variables', () => {
    expect(loadSystemsConfig({ home, env: {} })).toEqual({});
  });

  it('names the variable or file setting that is wrong, never a secret', () => {
    writeFileSync(
      join(home, CONFIG_FILE),
      JSON.stringify({ visma: { clientId: 'x', clientSecret: 'hunter2', colour: 1 } }),
    );
    const error = (() => {
      try {
        loadSystemsConfig({ home, env: { DATABRIDGE_VISMA_ISSUER: 'not a url' } });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(SystemsConfigError);
    expect(error.message).toContain('DATABRIDGE_VISMA_ISSUER');
    expect(error.message).toContain(`${CONFIG_FILE} visma`);
    expect(error.message).not.toContain('hunter2');
  });

  it('names a config file that is not JSON', () => {
    writeFileSync(join(home, CONFIG_FILE), '{ visma: ');
    expect(() => loadSystemsConfig({ home, env: {} })).toThrow(/config\.json is not valid JSON/);
  });
});

describe('openWorkspace', () => {
  it('opens the store and vault of a home and closes them', async () => {
    const key = encodeMasterKey(generateMasterKey());
    const ws = await openWorkspace({ home, env: { DATABRIDGE_MASTER_KEY: key } });
    const c = await ws.store.createConnection({ system: 'visma', name: 'V', tenantId: 't' });
    expect(ws.vault.open(c.id, TOKENS_PURPOSE, ws.vault.seal(c.id, TOKENS_PURPOSE, '{}'))).toBe('{}');
    expect(ws.config()).toEqual({});
    await ws.close();
  });

  it('refuses to make up a new master key when the store holds sealed tokens', async () => {
    const key = encodeMasterKey(generateMasterKey());
    const ws = await openWorkspace({ home, env: { DATABRIDGE_MASTER_KEY: key } });
    const c = await ws.store.createConnection({ system: 'visma', name: 'V', tenantId: 't' });
    await ws.store.compareAndSwapTokens(c.id, c.version, ws.vault.seal(c.id, TOKENS_PURPOSE, '{"a":1}'));
    await ws.close();
    const error = await openWorkspace({ home, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).toContain('DATABRIDGE_MASTER_KEY');
  });
});
