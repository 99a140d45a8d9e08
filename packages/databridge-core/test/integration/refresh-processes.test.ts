import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Browser, type Sandbox, signInToVisma, startSandbox, VISMA_SEED } from '@databridge/sandbox';
import {
  completeAuthorization,
  createAuthorizationRequest,
  discoverVismaAuth,
} from '@databridge/visma-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS_PURPOSE } from '../../src/model/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { encodeMasterKey, generateMasterKey, TokenVault } from '../../src/vault/index.js';

const source = (path: string) => pathToFileURL(fileURLToPath(new URL(path, import.meta.url))).href;
const visma = import.meta.resolve('@databridge/visma-client');

/**
 * A sync process: opens the shared store, builds a Visma client on the sealed connection (refresh lease + CAS), fires
 * 20 concurrent calls on an expired token, and prints how many token requests it made and how many calls failed.
 */
const worker = `
import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    try { return next(specifier, context); } catch (error) {
      if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
      throw error;
    }
  },
});
const [home, id, key, issuer, apiBaseUrl, clientId, clientSecret, startAt] = process.argv.slice(2);
const { SqliteStore } = await import(${JSON.stringify(source('../../src/store/index.ts'))});
const { TokenVault, decodeMasterKey, sealedTokenStore } = await import(${JSON.stringify(source('../../src/vault/index.ts'))});
const { createVismaClient, discoverVismaAuth } = await import(${JSON.stringify(visma)});
let tokenRequests = 0;
const counting = (input, init) => {
  const request = new Request(input, init);
  if (request.method === 'POST' && request.url.endsWith('/connect/token')) tokenRequests++;
  return fetch(request);
};
const auth = await discoverVismaAuth({ clientId, clientSecret, issuer }, { fetch: counting });
const store = await SqliteStore.open({ home, busyTimeoutMs: 10000 });
const tokens = sealedTokenStore(store, new TokenVault({ masterKey: decodeMasterKey(key) }));
const stored = await tokens.load(id);
const client = createVismaClient({ auth, connection: stored.connection, apiBaseUrl, tokenStore: tokens, tokenStoreKey: id });
// Both processes start their calls at the same moment, so their refreshes really race.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.request({ method: 'GET', path: '/customer/customerClass' })));
const failures = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason?.kind ?? r.reason));
await store.close();
process.stdout.write(JSON.stringify({ tokenRequests, failures }));
`;

function run(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`worker exited ${code}: ${stderr}`)),
    );
  });
}

const [NORDLYS] = VISMA_SEED.companies;
const [, BEN] = VISMA_SEED.users;
const [, ROTATING_APP] = VISMA_SEED.apps;

let sandbox: Sandbox;
let home: string;
beforeAll(async () => {
  sandbox = await startSandbox({ vismaApi: { customers: 5 } });
  home = mkdtempSync(join(tmpdir(), 'databridge-refresh-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(home, { recursive: true, force: true });
});

describe('token refresh across processes sharing one store', () => {
  it('one-time refresh tokens without a grace period: exactly one refresh, zero invalid_grant', async () => {
    const app = sandbox.visma.world.apps.get(ROTATING_APP.clientId);
    if (app) app.refreshGraceSeconds = 0; // a second use of the spent token would be invalid_grant
    const auth = await discoverVismaAuth({
      clientId: ROTATING_APP.clientId,
      clientSecret: ROTATING_APP.clientSecret,
      issuer: sandbox.visma.issuer,
    });
    const request = await createAuthorizationRequest(auth, { redirectUri: 'http://127.0.0.1/callback' });
    const signedIn = await completeAuthorization(
      auth,
      request,
      await signInToVisma(new Browser(sandbox.visma.issuer), request.url, BEN),
    );
    const expired = { ...signedIn, tokens: { ...signedIn.tokens, expiresAt: Date.now() - 1_000 } };

    const masterKey = generateMasterKey();
    const store = await SqliteStore.open({ home });
    const vault = new TokenVault({ masterKey });
    const created = await store.createConnection({
      system: 'visma',
      name: 'Nordlys',
      tenantId: NORDLYS.tenantId,
    });
    await store.compareAndSwapTokens(
      created.id,
      created.version,
      vault.seal(created.id, TOKENS_PURPOSE, JSON.stringify(expired)),
    );
    await store.close();

    const script = join(home, 'refresh-worker.mjs');
    writeFileSync(script, worker);
    const startAt = String(Date.now() + 2_500);
    const args = [
      home,
      created.id,
      encodeMasterKey(masterKey),
      sandbox.visma.issuer,
      sandbox.visma.apiBaseUrl,
      ROTATING_APP.clientId,
      ROTATING_APP.clientSecret,
      startAt,
    ];
    const outputs = (await Promise.all([run(script, args), run(script, args)])).map(
      (text) => JSON.parse(text) as { tokenRequests: number; failures: string[] },
    );
    expect(outputs.flatMap((output) => output.failures)).toEqual([]);
    expect(outputs.reduce((sum, output) => sum + output.tokenRequests, 0)).toBe(1);

    const reopened = await SqliteStore.open({ home });
    expect((await reopened.getConnection(created.id))?.version).toBe(3); // created (1), signed in (2), refreshed once (3)
    await reopened.close();
  });
});
