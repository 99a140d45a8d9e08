import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, type Sandbox, signInToVisma, startSandbox, VISMA_SEED } from '@databridge/sandbox';
import {
  completeAuthorization,
  connectService,
  createAuthorizationRequest,
  discoverVismaAuth,
  type VismaAuth,
} from '@databridge/visma-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkAll,
  checkConnection,
  type HealthChangeEvent,
  HealthEvents,
} from '../../src/connections/index.js';
import { TOKENS_PURPOSE } from '../../src/model/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { generateMasterKey, TokenVault } from '../../src/vault/index.js';

const [NORDLYS] = VISMA_SEED.companies;
const [ADA] = VISMA_SEED.users;
const [WEB_APP] = VISMA_SEED.apps;

let sandbox: Sandbox;
let auth: VismaAuth;
let home: string;
let store: SqliteStore;
let vault: TokenVault;
let events: HealthChangeEvent[];
let healthEvents: HealthEvents;

beforeAll(async () => {
  sandbox = await startSandbox({ vismaApi: { customers: 10 } });
  auth = await discoverVismaAuth({
    clientId: WEB_APP.clientId,
    clientSecret: WEB_APP.clientSecret,
    issuer: sandbox.visma.issuer,
  });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  home = mkdtempSync(join(tmpdir(), 'databridge-health-'));
  store = await SqliteStore.open({ home });
  vault = new TokenVault({ masterKey: generateMasterKey() });
  events = [];
  healthEvents = new HealthEvents();
  healthEvents.on((event) => events.push(event));
});
afterEach(async () => {
  await store.close();
  rmSync(home, { recursive: true, force: true });
});

/** Signs Ada in to Nordlys through the sandbox and stores the connection, tokens sealed. */
async function connectAda(): Promise<string> {
  const request = await createAuthorizationRequest(auth, { redirectUri: 'http://127.0.0.1/callback' });
  const callback = await signInToVisma(new Browser(sandbox.visma.issuer), request.url, {
    ...ADA,
    tenantId: NORDLYS.tenantId,
  });
  const signedIn = await completeAuthorization(auth, request, callback);
  const created = await store.createConnection({
    system: 'visma',
    name: 'Visma Nordlys',
    tenantId: signedIn.companyId,
    tenantName: NORDLYS.name,
    accountUser: signedIn.user?.email,
    scopes: signedIn.tokens.scopes,
  });
  await store.compareAndSwapTokens(
    created.id,
    created.version,
    vault.seal(created.id, TOKENS_PURPOSE, JSON.stringify(signedIn)),
  );
  return created.id;
}

const deps = () => ({
  store,
  vault,
  systems: { visma: { auth, apiBaseUrl: sandbox.visma.apiBaseUrl } },
  events: healthEvents,
});

describe('connection health, driven by the sandbox', () => {
  it('is ok for a fresh connection', async () => {
    const id = await connectAda();
    const checked = await checkConnection(deps(), id);
    expect(checked).toMatchObject({ health: 'ok', lastError: undefined });
    expect(checked.lastCheckedAt).toEqual(expect.any(String));
    expect(events).toEqual([]);
  });

  it('API User removed → needs_permission naming the role and company; restored → ok', async () => {
    const id = await connectAda();
    sandbox.visma.world.setRole(ADA.sub, NORDLYS.tenantId, 'API User', false);
    const broken = await checkConnection(deps(), id);
    expect(broken.health).toBe('needs_permission');
    expect(broken.lastError?.remedy).toContain(`'API User' role for company ${NORDLYS.name}`);
    expect(events).toEqual([
      { connectionId: id, from: 'ok', to: 'needs_permission', error: broken.lastError },
    ]);

    sandbox.visma.world.setRole(ADA.sub, NORDLYS.tenantId, 'API User', true);
    const repaired = await checkConnection(deps(), id);
    expect(repaired).toMatchObject({ health: 'ok', lastError: undefined });
    expect(events.at(-1)).toMatchObject({ from: 'needs_permission', to: 'ok' });
  });

  it('grant revoked → needs_reauth with a reconnect remedy, for every connection checked by checkAll', async () => {
    const first = await connectAda();
    sandbox.visma.world.revokeGrants(WEB_APP.clientId, ADA.sub);
    const [checked] = await checkAll(deps());
    expect(checked?.id).toBe(first);
    expect(checked?.health).toBe('needs_reauth');
    expect(checked?.lastError?.remedy).toContain('reconnect');
  });

  it('a connection that never signed in needs reauthentication', async () => {
    const created = await store.createConnection({
      system: 'visma',
      name: 'Not yet',
      tenantId: NORDLYS.tenantId,
    });
    expect((await checkConnection(deps(), created.id)).health).toBe('needs_reauth');
  });

  it('renews a service connection with the service app, and says so when none is configured', async () => {
    const service = VISMA_SEED.apps.find((app) => app.kind === 'service');
    if (!service) throw new Error('seed has no service app');
    const serviceAuth = await discoverVismaAuth({
      clientId: service.clientId,
      clientSecret: service.clientSecret,
      issuer: sandbox.visma.issuer,
    });
    const signedIn = await connectService(serviceAuth, { companyId: NORDLYS.tenantId });
    const created = await store.createConnection({
      system: 'visma',
      name: 'Service',
      tenantId: NORDLYS.tenantId,
    });
    // Stored as already expired, so the check must renew it first.
    const expired = { ...signedIn, tokens: { ...signedIn.tokens, expiresAt: Date.now() - 1000 } };
    await store.compareAndSwapTokens(
      created.id,
      1,
      vault.seal(created.id, TOKENS_PURPOSE, JSON.stringify(expired)),
    );
    const systems = { visma: { auth, serviceAuth, apiBaseUrl: sandbox.visma.apiBaseUrl } };
    expect(await checkConnection({ store, vault, systems }, created.id)).toMatchObject({ health: 'ok' });
    expect((await store.getConnection(created.id))?.version).toBe(3);

    const other = await store.createConnection({
      system: 'visma',
      name: 'Service 2',
      tenantId: NORDLYS.tenantId,
    });
    await store.compareAndSwapTokens(
      other.id,
      1,
      vault.seal(other.id, TOKENS_PURPOSE, JSON.stringify(expired)),
    );
    const without = await checkConnection({ store, vault, systems: { visma: { auth } } }, other.id);
    expect(without.lastError?.message).toContain('no service app is configured');
  });

  it('a master key that cannot open the tokens is needs_reauth, naming the key and the connection', async () => {
    const id = await connectAda();
    const wrong = new TokenVault({ masterKey: generateMasterKey() });
    const checked = await checkConnection({ ...deps(), vault: wrong }, id);
    expect(checked.health).toBe('needs_reauth');
    expect(checked.lastError?.message).toContain('cannot open the tokens of connection "Visma Nordlys"');
    expect(checked.lastError?.remedy).toContain('DATABRIDGE_MASTER_KEY');
  });
});
