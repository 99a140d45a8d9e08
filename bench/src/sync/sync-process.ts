/**
 * The measured process of the sync benchmark: a fresh SqliteStore in a temp home, a TokenVault keyed from
 * `DATABRIDGE_MASTER_KEY`, sign-ins to both sandbox systems (scripted browser) stored as sealed connections, the
 * built-in connectors from `createConnectorResolver`, and `runProfile` on a SuperOffice Contact → Visma customer
 * profile. Started by `suites/sync.ts` with a {@link SyncConfig} as argv[2] and an IPC channel.
 */
import {
  createConnectorResolver,
  loadMasterKey,
  type Run,
  runProfile,
  SqliteStore,
  TOKENS_PURPOSE,
  TokenVault,
} from '@databridge/core';
import {
  Browser,
  SUPEROFFICE_SEED,
  signInToSuperOffice,
  signInToVisma,
  VISMA_SEED,
} from '@databridge/sandbox';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
  discoverSuperOffice,
} from '@databridge/superoffice-client';
import {
  completeAuthorization,
  createAuthorizationRequest,
  discoverVismaAuth,
} from '@databridge/visma-client';
import { highWaterMarkKiB, type RunFigures, type SyncConfig, type SyncMessage } from './protocol.ts';

const REDIRECT_URI = 'http://127.0.0.1/callback';
// The suite went away: stop too.
process.on('disconnect', () => process.exit(1));
const config = JSON.parse(process.argv[2] ?? '{}') as SyncConfig;
const [company] = VISMA_SEED.companies;
const [ada] = VISMA_SEED.users;
const [vismaApp] = VISMA_SEED.apps;
const [tenant] = SUPEROFFICE_SEED.tenants;
const [siri] = SUPEROFFICE_SEED.users;
const [soApp] = SUPEROFFICE_SEED.apps;
const send = process.send?.bind(process);
if (!company || !ada || !vismaApp || !tenant || !siri || !soApp || !send)
  throw new Error('Start this from the sync suite (needs IPC and the sandbox seed)');

const { masterKey, source } = loadMasterKey({ home: config.home });
if (source !== 'env') throw new Error('Give the master key in DATABRIDGE_MASTER_KEY');
const store = await SqliteStore.open({ home: config.home });
const vault = new TokenVault({ masterKey });

// Sign in to both systems as a person would (scripted browser against the sandbox's sign-in pages).
const vismaAuth = await discoverVismaAuth({
  clientId: vismaApp.clientId,
  clientSecret: vismaApp.clientSecret,
  issuer: config.vismaIssuer,
});
const vismaRequest = await createAuthorizationRequest(vismaAuth, { redirectUri: REDIRECT_URI });
const vismaCallback = await signInToVisma(new Browser(config.vismaIssuer), vismaRequest.url, {
  ...ada,
  tenantId: company.tenantId,
});
const vismaTokens = await completeAuthorization(vismaAuth, vismaRequest, vismaCallback);

const soAuth = await discoverSuperOffice({
  environment: config.superOfficeIssuer,
  clientId: soApp.clientId,
  clientSecret: soApp.clientSecret,
});
const soRequest = await createSuperOfficeAuthorizationRequest(soAuth, {
  redirectUri: REDIRECT_URI,
  tenant: tenant.ctx,
});
const soCallback = await signInToSuperOffice(new Browser(config.superOfficeIssuer), soRequest.url, {
  ...siri,
  tenant: tenant.ctx,
});
const soTokens = await completeSuperOfficeAuthorization(soAuth, soRequest, soCallback);

/** Stores a connection with its tokens sealed, as the CLI's connect does. */
async function storeConnection(
  system: string,
  name: string,
  tenantId: string,
  tokens: object,
): Promise<string> {
  const created = await store.createConnection({ system, name, tenantId });
  await store.compareAndSwapTokens(
    created.id,
    created.version,
    vault.seal(created.id, TOKENS_PURPOSE, JSON.stringify(tokens)),
  );
  return created.id;
}
const crm = await storeConnection('superoffice', 'CRM Nordlys', tenant.ctx, soTokens);
const erp = await storeConnection('visma', 'ERP Nordlys', company.tenantId, vismaTokens);

const connectors = createConnectorResolver({
  store,
  vault,
  systems: {
    visma: { auth: vismaAuth, apiBaseUrl: config.vismaApiBaseUrl },
    superoffice: { auth: soAuth },
  },
  superoffice: { requestsPerSecond: 1000, concurrency: 16 },
  visma: { concurrency: config.vismaConcurrency },
});

const profile = await store.createProfile({
  name: 'Bench: companies to customers',
  source: { connectionId: crm, entity: 'Contact' },
  target: { connectionId: erp, entity: 'customer' },
  direction: 'source_to_target',
  mapping: 'superoffice-contact-to-visma-customer',
  // The seed gives every company its own e-mail (post@<name><index>.example); OrgNr is random in 900M–999M, so at
  // 100k companies some 50 pairs share one, and names repeat (a few hundred combinations).
  matchingKeys: ['mainContact.email'],
  options: { pageSize: config.pageSize, concurrency: config.concurrency },
});

const debug = process.env.DATABRIDGE_BENCH_SYNC_DEBUG === '1';
const memory = (at: string): void => {
  if (!debug) return;
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const mb = (n: number) => `${(n / 1e6).toFixed(0)}MB`;
  console.error(
    `[sync] ${at}: rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`,
  );
};
memory('signed in');
if (debug) {
  const { getHeapSpaceStatistics } = await import('node:v8');
  process.on('exit', () => {
    for (const space of getHeapSpaceStatistics())
      console.error(
        `[sync] ${space.space_name}: size ${(space.space_size / 1e6).toFixed(0)}MB used ${(space.space_used_size / 1e6).toFixed(0)}MB`,
      );
  });
}

async function timedRun(): Promise<RunFigures> {
  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  const { run } = await runProfile({ store, connectors }, profile.id, {
    trigger: 'bench',
    onProgress: debug ? (p) => p.counts.seen % 1000 === 0 && memory(`${p.counts.seen} seen`) : undefined,
  });
  memory('run done');
  const ms = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ...figuresOf(run, await firstError(run)),
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    hwmKiB: await highWaterMarkKiB(),
  };
}

function figuresOf(run: Run, error: string | undefined): Omit<RunFigures, 'ms' | 'cpuMs' | 'hwmKiB'> {
  return { state: run.state, ...run.counts, apiCalls: run.apiCalls, firstError: error ?? run.error?.message };
}

async function firstError(run: Run): Promise<string | undefined> {
  if (run.counts.failed === 0) return undefined;
  const records = await store.listRunRecords(run.id, { outcome: 'failed', limit: 1 });
  return records[0]?.error?.message;
}

/** Waits for the parent's go-ahead (it reads the sandbox's counters between the runs). */
function parentSaysContinue(): Promise<void> {
  return new Promise((resolve) => {
    process.once('message', () => resolve());
  });
}

const first = await timedRun();
send({ type: 'run', name: 'first', run: first } satisfies SyncMessage);
if (config.rerun) {
  await parentSaysContinue();
  // Read every record again: without a checkpoint the run starts from the first record, and each must be found
  // unchanged by its content hash (no write, no lookup).
  await store.setCheckpoint(profile.id, { v: 1 });
  const rerun = await timedRun();
  send({ type: 'run', name: 'rerun', run: rerun } satisfies SyncMessage);
}
await store.close();
send({ type: 'done', maxRssKiB: process.resourceUsage().maxRSS } satisfies SyncMessage, () =>
  process.exit(0),
);
